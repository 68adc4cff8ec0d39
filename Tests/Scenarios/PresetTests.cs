using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

public class PresetTests
{
    private static ScenarioSpec Load(string protocol) =>
        ScenarioLoader.Parse($"defaults: {{nodes: 100, protocol: {{kind: pushpull, fanout: 3}}}}\nscenarios:\n  - name: a\n    protocol: {protocol}\n", "p.yaml").Points.Single();

    [Test]
    public void MemberlistLan_ExpandsToSwimWithMemberlistDefaults()
    {
        var spec = Load("{preset: memberlist-lan}");
        Assert.That(spec.Text("protocol.kind"), Is.EqualTo("swim"));
        Assert.That(spec.DurationUs("protocol.probe_interval"), Is.EqualTo(1_000_000));
        Assert.That(spec.DurationUs("protocol.probe_timeout"), Is.EqualTo(500_000));
        Assert.That(spec.Int("protocol.gossip_nodes"), Is.EqualTo(3));
        Assert.That(spec.Bool("protocol.lifeguard.lhs"), Is.True);
        Assert.That(spec.Has("protocol.fanout"), Is.False, "the pushpull default must not leak into swim");
    }

    [Test]
    public void Preset_KeyWrittenBeside_OverridesOneField()
    {
        var spec = Load("{preset: memberlist-wan, lifeguard: {lha: false}, gossip_nodes: 7}");
        Assert.That(spec.DurationUs("protocol.probe_interval"), Is.EqualTo(5_000_000));
        Assert.That(spec.Int("protocol.gossip_nodes"), Is.EqualTo(7));
        Assert.That(spec.Bool("protocol.lifeguard.lha"), Is.False);
        Assert.That(spec.Bool("protocol.lifeguard.buddy"), Is.True);
    }

    [Test]
    public void Cassandra_ExpandsToHeartbeatWithExponentialPhi()
    {
        var spec = Load("{preset: cassandra}");
        Assert.That(spec.Text("protocol.kind"), Is.EqualTo("heartbeat"));
        Assert.That(spec.Text("protocol.exchange"), Is.EqualTo("digest"));
        Assert.That(spec.Text("protocol.detector.model"), Is.EqualTo("exponential"));
        Assert.That(spec.Real("protocol.detector.threshold"), Is.EqualTo(8));
        Assert.That(spec.IntList("protocol.seeds"), Is.EqualTo(new[] { 0, 1, 2 }));
    }
}
