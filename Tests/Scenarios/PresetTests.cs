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

    private static string File(string protocol, string sweep = "") =>
        $"defaults: {{nodes: 100, protocol: {{kind: pushpull, fanout: 3, interval: 500ms}}}}\nscenarios:\n  - name: a\n    protocol: {protocol}\n{sweep}";

    /// <summary>
    /// A preset chosen by --set is expanded where the file's own would be: its keys under the
    /// protocol keys the scenario writes (fanout 2), over the defaults, and another --set over all.
    /// </summary>
    [Test]
    public void Set_Preset_ExpandsAsIfWrittenInTheScenario()
    {
        var chosen = ScenarioLoader.Parse(File("{fanout: 2}"), "p.yaml", ["protocol.preset=cassandra"]).Points.Single();
        var written = ScenarioLoader.Parse(File("{preset: cassandra, fanout: 2}"), "p.yaml").Points.Single();
        Assert.Multiple(() =>
        {
            Assert.That(chosen.CanonicalYaml(), Is.EqualTo(written.CanonicalYaml()));
            Assert.That(chosen.Text("protocol.kind"), Is.EqualTo("heartbeat"));
            Assert.That(chosen.Int("protocol.fanout"), Is.EqualTo(2), "the scenario's own key is written over the preset's");
            Assert.That(chosen.DurationUs("protocol.interval"), Is.EqualTo(1_000_000), "the preset's key is written over the defaults'");
        });
        var setOverAll = ScenarioLoader.Parse(File("{fanout: 2}"), "p.yaml", ["protocol.preset=cassandra", "protocol.fanout=4"]).Points.Single();
        Assert.That(setOverAll.Int("protocol.fanout"), Is.EqualTo(4));
    }

    /// <summary>--set of a whole protocol map expands its preset under the keys written beside it.</summary>
    [Test]
    public void Set_WholeProtocolWithPreset_Expands()
    {
        var spec = ScenarioLoader.Parse(File("{fanout: 2}"), "p.yaml", ["protocol={preset: cassandra, seeds: [5]}"]).Points.Single();
        Assert.That(spec.Text("protocol.kind"), Is.EqualTo("heartbeat"));
        Assert.That(spec.IntList("protocol.seeds"), Is.EqualTo(new[] { 5 }));
        Assert.That(spec.Int("protocol.fanout"), Is.EqualTo(1), "the set map replaces the scenario's");
    }

    /// <summary>Each swept preset is its own point, expanded as if written in the scenario, under its keys.</summary>
    [Test]
    public void Sweep_Preset_EachPointAsIfWrittenInTheScenario()
    {
        var points = ScenarioLoader.Parse(File("{fanout: 2}", "    sweep: {grid: {protocol.preset: [cassandra, phi-over-gossip], nodes: [50, 60]}}\n"), "p.yaml").Points;
        Assert.That(points.Select(p => string.Join(" ", p.Parameters.Select(kv => kv.Value))),
            Is.EqualTo(new[] { "cassandra 50", "cassandra 60", "phi-over-gossip 50", "phi-over-gossip 60" }));
        foreach (var (point, preset) in points.Zip(new[] { "cassandra", "cassandra", "phi-over-gossip", "phi-over-gossip" }))
        {
            var written = ScenarioLoader.Parse(File($"{{preset: {preset}, fanout: 2}}"), "p.yaml", [$"nodes={point.Nodes}"]).Points.Single();
            Assert.That(point.CanonicalYaml(), Is.EqualTo(written.CanonicalYaml()), point.ToString());
        }
    }

    /// <summary>A value a chosen preset brings in is placed at the --set, or at the swept value, that named it.</summary>
    [Test]
    public void ChosenPreset_ErrorAtTheChoice()
    {
        const string yaml = "scenarios:\n  - name: a\n    nodes: 2\n";
        var set = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "p.yaml", ["protocol.preset=cassandra"]))!;
        Assert.That(set.Errors.Single().ToString(),
            Is.EqualTo("--set protocol.preset: protocol.seeds[2] (from preset 'cassandra'): node id 2 does not exist: must be < nodes (2) in scenario 'a'"));
        var swept = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml + "    sweep: {grid: {protocol.preset: [akka, cassandra]}}\n", "p.yaml"))!;
        Assert.That(swept.Errors.Single().ToString(),
            Is.EqualTo("p.yaml:4:44: protocol.seeds[2] (from preset 'cassandra'): node id 2 does not exist: must be < nodes (2) in scenario 'a'"));
    }
}
