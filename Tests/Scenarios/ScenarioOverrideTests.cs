using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

public class ScenarioOverrideTests
{
    private static readonly string TwoScenarios = ScenarioYaml.Lines(
        "defaults:",
        "  protocol: {fanout: 3, interval: 200ms}",
        "scenarios:",
        "  - name: a",
        "  - name: b",
        "    protocol: {fanout: 5}");

    [Test]
    public void Set_ScalarPath_AppliedToEveryScenarioAfterMerge()
    {
        var set = ScenarioYaml.Load(TwoScenarios, "protocol.fanout=1", "nodes=50");
        Assert.Multiple(() =>
        {
            Assert.That(set.Points.Select(p => p.Int("protocol.fanout")), Is.EqualTo(new[] { 1, 1 }));
            Assert.That(set.Points.Select(p => p.Nodes), Is.EqualTo(new[] { 50, 50 }));
            Assert.That(set.Points[0].DurationUs("protocol.interval"), Is.EqualTo(200_000), "siblings kept");
        });
    }

    [Test]
    public void Set_FlowMap_ReplacesWholeMap()
    {
        var s = ScenarioYaml.Load(TwoScenarios, "network.latency={dist: constant, value: 2ms}").Points[0];
        Assert.That(s.Text("network.latency.dist"), Is.EqualTo("constant"));
        Assert.That(s.DurationUs("network.latency.value"), Is.EqualTo(2_000));
        Assert.That(s.Has("network.latency.min"), Is.False);
    }

    [Test]
    public void Set_FlowList_ParsedAsList()
    {
        var s = ScenarioYaml.Load(TwoScenarios, "tags=[nightly, big]", "updates={at: [1s, 2s]}").Points[1];
        Assert.That(s.Tags, Is.EqualTo(new[] { "nightly", "big" }));
        Assert.That(s.DurationListUs("updates.at"), Is.EqualTo(new long[] { 1_000_000, 2_000_000 }));
    }

    [Test]
    public void Set_InvalidValue_ErrorNamesSetInsteadOfLine()
    {
        var errors = ScenarioYaml.Errors(TwoScenarios, "protocol.fanout=-2");
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(errors[0].File, Is.EqualTo("--set protocol.fanout"));
            Assert.That(errors[0].Line, Is.Zero);
            Assert.That(errors[0].Column, Is.Zero);
            Assert.That(errors[0].Key, Is.EqualTo("protocol.fanout"));
            Assert.That(errors[0].Message, Does.Contain("must be >= 1"));
        });
    }

    [Test]
    public void Set_UnknownKeyInside_SuggestsNearest()
    {
        var errors = ScenarioYaml.Errors(TwoScenarios, "protocol.fanuot=2");
        Assert.That(errors.Single().File, Is.EqualTo("--set protocol.fanuot"));
        Assert.That(errors.Single().Message, Does.Contain("did you mean 'fanout'?"));
    }

    [TestCase("protocol.fanout", "expected PATH=VALUE")]
    [TestCase("protocol.fanout=", "missing value")]
    [TestCase("protocol..fanout=1", "key path")]
    [TestCase("name=x", "cannot be set")]
    [TestCase("network.latency={dist: constant", "malformed YAML")]
    public void Set_MalformedOverride_OneLocatedError(string text, string fragment)
    {
        var errors = ScenarioYaml.Errors(TwoScenarios, text);
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].File, Does.StartWith("--set "));
        Assert.That(errors[0].Message, Does.Contain(fragment));
    }

    [Test]
    public void Set_BadOverrideAndBadFile_BothReported()
    {
        var yaml = ScenarioYaml.Lines("scenarios:", "  - name: a", "    nodes: 1");
        var errors = ScenarioYaml.Errors(yaml, "network.loss=2");
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "nodes", "network.loss" }));
    }

    private static readonly string MixedKinds = ScenarioYaml.Lines(
        "defaults:",
        "  nodes: 100",
        "scenarios:",
        "  - name: quick",
        "    protocol: {kind: pushpull, fanout: 3}",
        "  - name: members",
        "    tags: [ci]",
        "    protocol: {preset: memberlist-lan}",
        "  - name: small",
        "    nodes: 20",
        "    protocol: {kind: push, fanout: 10}");

    [Test]
    public void Set_SelectedByName_LeavesOtherScenariosUntouchedAndUnchecked()
    {
        // nodes=15 is invalid for 'small' (fanout 10 needs more nodes) and fanout means nothing to
        // swim: applied to every scenario it would fail; applied to 'quick' alone it is fine.
        var set = ScenarioLoader.Parse(MixedKinds, ScenarioYaml.File, ["nodes=15", "protocol.fanout=2"], new ScenarioSelection(["quick"], []));
        Assert.Multiple(() =>
        {
            Assert.That(set.Points.Single(p => p.Name == "quick").Nodes, Is.EqualTo(15));
            Assert.That(set.Points.Single(p => p.Name == "quick").Int("protocol.fanout"), Is.EqualTo(2));
            Assert.That(set.Points.Single(p => p.Name == "small").Nodes, Is.EqualTo(20));
            Assert.That(set.Points.Single(p => p.Name == "members").Nodes, Is.EqualTo(100));
        });
    }

    [Test]
    public void Set_SelectedByTag_AppliesOnlyToTaggedScenarios()
    {
        var set = ScenarioLoader.Parse(MixedKinds, ScenarioYaml.File, ["protocol.gossip_nodes=4"], new ScenarioSelection([], ["ci"]));
        Assert.That(set.Points.Single(p => p.Name == "members").Int("protocol.gossip_nodes"), Is.EqualTo(4));
    }

    [Test]
    public void Set_NoSelection_StillAppliesToEveryScenario()
    {
        var errors = ScenarioYaml.Errors(MixedKinds, "protocol.fanout=2");
        Assert.That(errors.Single().Key, Is.EqualTo("protocol.fanout"));
        Assert.That(errors.Single().Message, Does.Contain("swim"));
    }

    [Test]
    public void KindSwitch_WithinGossipFamily_KeepsSharedKeys()
    {
        var spec = ScenarioYaml.Single(ScenarioYaml.Lines(
            "defaults:",
            "  nodes: 100",
            "  protocol: {kind: push, fanout: 1, interval: 1s}",
            "scenarios:",
            "  - name: a",
            "    protocol: {kind: pull}"));
        Assert.Multiple(() =>
        {
            Assert.That(spec.Text("protocol.kind"), Is.EqualTo("pull"));
            Assert.That(spec.Int("protocol.fanout"), Is.EqualTo(1), "fanout inherited, not the schema's 3");
            Assert.That(spec.DurationUs("protocol.interval"), Is.EqualTo(1_000_000), "interval inherited, not the schema's 200 ms");
        });
    }

    [Test]
    public void KindSwitch_ToSwim_DropsForeignKeysAndSaysSo()
    {
        var set = ScenarioYaml.Load(ScenarioYaml.Lines(
            "defaults:",
            "  nodes: 100",
            "  protocol: {kind: push, fanout: 1, interval: 1s}",
            "scenarios:",
            "  - name: a",
            "    protocol: {kind: swim}",
            "  - name: b"));
        Assert.Multiple(() =>
        {
            Assert.That(set.Points[0].Has("protocol.fanout"), Is.False);
            Assert.That(set.Notes, Has.Count.EqualTo(1), "only the scenario that switched is noted");
            Assert.That(set.Notes[0], Does.StartWith("test.yaml:5:5: scenario 'a'").And.Contain("'protocol.fanout', 'protocol.interval'"));
        });
    }

    [TestCase("{preset: memberlist-lan, fanout: 4}", "unknown key 'fanout'", "here it is 'gossip_nodes'")]
    [TestCase("{preset: memberlist-lan, interval: 1s}", "unknown key 'interval'", "'gossip_interval' or 'probe_interval'")]
    [TestCase("{kind: pushpull, gossip_nodes: 4}", "unknown key 'gossip_nodes'", "here it is 'fanout'")]
    [TestCase("{preset: cassandra, probe_interval: 1s}", "unknown key 'probe_interval'", "here it is 'interval'")]
    public void ForeignProtocolKey_NamesThisKindsKey(string protocol, string error, string hint)
    {
        var errors = ScenarioYaml.Errors(ScenarioYaml.Lines("scenarios:", "  - name: a", "    nodes: 100", $"    protocol: {protocol}"));
        Assert.That(errors.Single().Message, Does.Contain(error).And.Contain(hint));
    }

    private static readonly string WithFaults = ScenarioYaml.Lines(
        "defaults:",
        "  nodes: 100",
        "  protocol: {preset: memberlist-lan}",
        "scenarios:",
        "  - name: pauses",
        "    faults:",
        "      - {at: 10s, pause: {count: 2}, for: 4s}",
        "      - {at: 20s, crash: {count: 1}}",
        "    sweep:",
        "      grid:",
        "        faults[0].for: [2s, 8s]");

    [Test]
    public void Sweep_IndexedFaultField_OnePointPerValueWithAShortLabel()
    {
        var points = ScenarioYaml.Load(WithFaults).Points;
        Assert.Multiple(() =>
        {
            Assert.That(points, Has.Count.EqualTo(2));
            Assert.That(points.Select(p => p.Parameters.Single().Key), Is.All.EqualTo("faults[0].for"));
            Assert.That(points.Select(p => p.Parameters.Single().Value), Is.EqualTo(new[] { "2s", "8s" }));
            Assert.That(points[1].CanonicalYaml(), Does.Contain("8s").And.Not.Contain("for: 4s"));
        });
    }

    [Test]
    public void Set_IndexedFaultField_ChangesThatFaultOnly()
    {
        var spec = ScenarioYaml.Load(WithFaults, "faults[1].at=30s").Points[0];
        Assert.That(spec.CanonicalYaml(), Does.Contain("30s").And.Not.Contain("at: 20s"));
    }

    [TestCase("faults[2].at=30s", "'faults[2]' does not exist")]
    [TestCase("nodes[0]=3", "'nodes[0]' does not exist")]
    [TestCase("faults[x].at=1s", "key path")]
    public void Set_BadIndexedPath_OneLocatedError(string text, string fragment)
    {
        var errors = ScenarioYaml.Errors(WithFaults, text);
        Assert.That(errors.Single().Message, Does.Contain(fragment));
    }

    [Test]
    public void Sweep_WholeList_LabelledByPlaceNotByYaml()
    {
        var points = ScenarioYaml.Load(ScenarioYaml.Lines(
            "defaults: {nodes: 100, protocol: {preset: memberlist-lan}}",
            "scenarios:",
            "  - name: two-fault-plans",
            "    sweep:",
            "      grid:",
            "        faults: [[{at: 10s, crash: {count: 1}}], [{at: 10s, crash: {count: 2}}, {at: 20s, crash: {count: 1}}]]")).Points;
        Assert.That(points.Select(p => p.Parameters.Single().Value), Is.EqualTo(new[] { "#1 of 2", "#2 of 2" }));
    }
}
