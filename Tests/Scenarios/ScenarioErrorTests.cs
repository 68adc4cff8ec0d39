using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

public class ScenarioErrorTests
{
    private const string Head = "scenarios:\n  - name: a\n";

    // Each case: YAML (line 1 "scenarios:", line 2 "  - name: a" when Head is used),
    // then the single expected error's line, column, key and a message fragment.
    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string yaml, int line, int column, string key, string fragment) =>
            new TestCaseData(yaml, line, column, key, fragment).SetName("Load_" + name + "_LocatedError");

        yield return Case("UnknownKeyTypo", Head + "    protocol:\n      fanuot: 2\n",
            4, 7, "protocol.fanuot", "unknown key 'fanuot' in protocol; did you mean 'fanout'?");
        yield return Case("UnknownTopLevelKey", "scenarois: 1\nscenarios:\n  - name: a\n",
            1, 1, "scenarois", "did you mean 'scenarios'?");
        yield return Case("UnknownScenarioKey", Head + "    nodse: 3\n",
            3, 5, "nodse", "unknown key 'nodse' in scenario; did you mean 'nodes'?");
        yield return Case("NegativeFanout", Head + "    protocol: {fanout: -1}\n",
            3, 24, "protocol.fanout", "must be >= 1, got -1");
        yield return Case("LossAboveOne", Head + "    network: {loss: 1.5}\n",
            3, 21, "network.loss", "must be in [0, 1], got 1.5");
        yield return Case("FanoutNotBelowNodes", Head + "    nodes: 4\n    protocol: {fanout: 4}\n",
            4, 24, "protocol.fanout", "fanout (4) must be < nodes (4)");
        yield return Case("DefaultFanoutNotBelowNodes", Head + "    nodes: 3\n",
            3, 12, "protocol.fanout", "fanout (3) must be < nodes (3)");
        yield return Case("SwimLabelNotAscii", Head + "    protocol: {preset: memberlist-lan, label: \"dc\u00e9\"}\n",
            3, 47, "protocol.label", "is not valid: use 1 to 255 printable ASCII characters");
        yield return Case("BareNumberDuration", Head + "    duration: 200\n",
            3, 15, "duration", "write 200ms or 200s");
        yield return Case("NegativeDuration", Head + "    protocol: {interval: -1s}\n",
            3, 26, "protocol.interval", "cannot be negative");
        yield return Case("ZeroInterval", Head + "    protocol: {interval: 0}\n",
            3, 26, "protocol.interval", "must be > 0");
        yield return Case("UnknownDist", Head + "    network: {latency: {dist: unifrom, min: 1ms, max: 2ms}}\n",
            3, 31, "network.latency.dist", "unknown dist 'unifrom'; expected one of constant, uniform, normal, lognormal, exponential, pareto, empirical; did you mean 'uniform'?");
        yield return Case("KeyOfOtherDist", Head + "    network: {latency: {dist: constant, value: 1ms, min: 1ms}}\n",
            3, 53, "network.latency.min", "unknown key 'min' in network.latency for dist 'constant'");
        yield return Case("MissingDistKey", Head + "    network: {latency: {dist: constant}}\n",
            3, 24, "network.latency.value", "missing required key 'value' for dist 'constant'");
        yield return Case("P99NotAboveMedian", Head + "    network: {latency: {dist: lognormal, median: 5ms, p99: 5ms}}\n",
            3, 60, "network.latency.p99", "p99 (5ms) must be > median (5ms)");
        yield return Case("UniformMinAboveMax", Head + "    network: {latency: {dist: uniform, min: 5ms, max: 1ms}}\n",
            3, 55, "network.latency.max", "max (1ms) must be >= min (5ms)");
        yield return Case("DuplicateNames", "scenarios:\n  - name: a\n  - name: a\n",
            3, 11, "name", "duplicate scenario name 'a' (first used at line 2)");
        yield return Case("EmptyScenarios", "scenarios: []\n",
            1, 1, "scenarios", "the scenarios list is empty");
        yield return Case("EmptyFile", "",
            1, 1, "scenarios", "the file is empty");
        yield return Case("MissingName", "scenarios:\n  - nodes: 30\n",
            2, 5, "name", "missing required key 'name'");
        yield return Case("BadNameCharacters", "scenarios:\n  - name: Big\n",
            2, 11, "name", "'Big' is not valid");
        yield return Case("NameInDefaults", "defaults:\n  name: x\nscenarios:\n  - name: a\n",
            2, 3, "defaults.name", "belongs to a scenario");
        yield return Case("UpdateFromNotANode", Head + "    nodes: 10\n    updates: {every: 1s, from: 10}\n",
            4, 32, "updates.from", "must be < nodes (10)");
        yield return Case("UpdateAfterEnd", Head + "    duration: 10s\n    updates: {at: [1s, 10s]}\n",
            4, 24, "updates.at[1]", "update at 10s is not before the end of the run (10s)");
        yield return Case("UpdateStartAfterEnd", Head + "    duration: 10s\n    updates: {every: 20s}\n",
            4, 22, "updates.start", "first update at 20s is not before the end of the run (10s)");
        yield return Case("UpdatesEveryAndAt", Head + "    updates: {every: 1s, at: [1s]}\n",
            3, 26, "updates.at", "'every' and 'at' cannot be combined");
        yield return Case("StopWordWithoutValue", Head + "    protocol: {stop: counter}\n",
            3, 22, "protocol.stop", "'counter' needs a value: write {counter: k}");
        yield return Case("UnknownPreset", Head + "    protocol: {preset: memberlist-lam}\n",
            3, 24, "protocol.preset", "unknown preset 'memberlist-lam'; presets: akka, cassandra, memberlist-lan, memberlist-wan, phi-over-gossip; did you mean 'memberlist-lan'?");
        yield return Case("SeedRangePassesLargestSeed", Head + "    seed: 18446744073709551615\n    seeds: 3\n",
            4, 12, "seeds", "3 seeds from 18446744073709551615 would pass the largest seed, 18446744073709551615; use a smaller first seed");
        // A value from a preset is placed at the preset: key that brought it in, and says which preset.
        yield return Case("PresetValueNamesNoNode", Head + "    nodes: 2\n    protocol: {preset: cassandra}\n",
            4, 16, "protocol.seeds[2] (from preset 'cassandra')", "node id 2 does not exist: must be < nodes (2) in scenario 'a'");
        yield return Case("PresetInDefaultsValueNamesNoNode", "defaults:\n  protocol: {preset: cassandra}\nscenarios:\n  - name: a\n    nodes: 2\n",
            2, 14, "protocol.seeds[2] (from preset 'cassandra')", "node id 2 does not exist: must be < nodes (2) in scenario 'a'");
        yield return Case("ValueWrittenOverPresetNamesNoNode", Head + "    nodes: 3\n    protocol: {preset: cassandra, seeds: [0, 1, 5]}\n",
            4, 49, "protocol.seeds[2]", "node id 5 does not exist: must be < nodes (3) in scenario 'a'");
        yield return Case("UnknownProtocolKind", Head + "    protocol: {kind: gosip}\n",
            3, 22, "protocol.kind", "unknown kind 'gosip'");
        yield return Case("ZipLengthMismatch", Head + "    sweep: {zip: {nodes: [10, 20], protocol.fanout: [1, 2, 3]}}\n",
            3, 36, "sweep.zip.protocol.fanout", "zip lists must have equal lengths: 'nodes' has 2 values, 'protocol.fanout' has 3");
        yield return Case("SweepValueInvalid", Head + "    sweep: {grid: {protocol.fanout: [2, 0]}}\n",
            3, 41, "protocol.fanout", "must be >= 1, got 0");
        yield return Case("SweepUnknownPath", Head + "    sweep: {grid: {protocol.fanuot: [1, 2]}}\n",
            3, 20, "protocol.fanuot", "did you mean 'fanout'?");
        yield return Case("SweepRangeWithoutStep", Head + "    sweep: {grid: {nodes: {from: 10, to: 20}}}\n",
            3, 27, "sweep.grid.nodes", "exactly one of 'step' or 'log_steps'");
        yield return Case("SizesMissingItem", Head + "    network: {sizes: {push: {header: 4}}}\n",
            3, 29, "network.sizes.push.item", "missing required key 'item'");
        yield return Case("MalformedYaml", Head + "    protocol: {fanout: 2\n",
            4, 1, "", "malformed YAML");
        yield return Case("AkkaWeaklyUpZero", Head + "    protocol: {kind: akka, allow_weakly_up_members: 0s}\n",
            3, 53, "protocol.allow_weakly_up_members", "must be > 0, or off");
        yield return Case("AkkaRetryJoinWord", Head + "    protocol: {preset: akka, retry_unsuccessful_join_after: never}\n",
            3, 61, "protocol.retry_unsuccessful_join_after", "expected a duration like 7s, or off, got 'never'");
        yield return Case("AkkaRetryJoinWithoutUnit", Head + "    protocol: {preset: akka, retry_unsuccessful_join_after: 10}\n",
            3, 61, "protocol.retry_unsuccessful_join_after", "'10' has no unit");
        yield return Case("AkkaSeedNodeTimeoutZero", Head + "    protocol: {kind: akka, seed_node_timeout: 0s}\n",
            3, 47, "protocol.seed_node_timeout", "must be > 0");
        yield return Case("AkkaLeaderActionsIntervalZero", Head + "    protocol: {kind: akka, leader_actions_interval: 0s}\n",
            3, 53, "protocol.leader_actions_interval", "must be > 0");
        yield return Case("AkkaInitialDelayNegative", Head + "    protocol: {kind: akka, periodic_tasks_initial_delay: -1s}\n",
            3, 58, "protocol.periodic_tasks_initial_delay", "durations cannot be negative");
        yield return Case("DuplicateYamlKey", Head + "    nodes: 3\n    nodes: 4\n",
            4, 5, "", "malformed YAML: Duplicate key nodes");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void BadInput(string yaml, int line, int column, string key, string fragment)
    {
        var errors = ScenarioYaml.Errors(yaml);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        var e = errors[0];
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo(ScenarioYaml.File));
            Assert.That((e.Line, e.Column), Is.EqualTo((line, column)), e.ToString());
            Assert.That(e.Key, Is.EqualTo(key));
            Assert.That(e.Message, Does.Contain(fragment));
        });
    }

    [Test]
    public void Load_ManyErrors_AllReportedInOnePass()
    {
        var yaml = ScenarioYaml.Lines(
            "defaults:",
            "  network: {loss: 2}",
            "scenarios:",
            "  - name: a",
            "    nodes: 1",
            "  - name: b",
            "    protocol: {fanuot: 1, mode: rumour}",
            "  - name: b",
            "    duration: 5");
        var errors = ScenarioYaml.Errors(yaml);
        Assert.That(errors.Select(e => (e.Line, e.Key)), Is.EquivalentTo(new[]
        {
            (2, "network.loss"),   // reported once although every scenario inherits it
            (5, "nodes"),
            (7, "protocol.fanuot"),
            (7, "protocol.mode"),
            (8, "name"),
            (9, "duration"),
        }));
    }

    [Test]
    public void Load_BadSweepAndBadKeys_BothReportedInLineOrder()
    {
        var yaml = Head + "    sweep: {grid: {nodes: 3}}\n    protocol: 3\n";
        var errors = ScenarioYaml.Errors(yaml);
        Assert.That(errors.Select(e => (e.Line, e.Key)), Is.EqualTo(new[] { (3, "sweep.grid.nodes"), (4, "protocol") }));
    }

    [Test]
    public void Load_MissingFile_OneErrorNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "gossipsim-no-such-dir", "none.yaml");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path))!;
        Assert.That(e.Errors.Single(), Is.EqualTo(new SpecError(path, 0, 0, "", "file not found")));
    }

    [Test]
    public void SpecError_ToString_FileLineColumnKeyMessage()
    {
        Assert.That(new SpecError("s.yaml", 3, 24, "protocol.fanout", "must be >= 1").ToString(),
            Is.EqualTo("s.yaml:3:24: protocol.fanout: must be >= 1"));
    }

    [Test]
    public void ScenarioException_Message_ListsEveryError()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioYaml.Load(Head + "    nodes: 1\n    seeds: 0\n"))!;
        Assert.That(e.Message, Does.Contain("test.yaml:3:12: nodes:").And.Contain("test.yaml:4:12: seeds:"));
    }

    [Test]
    public void ListWithOneBadItem_OtherItemsStillCheckedAgainstNodes()
    {
        // -1 fails its own check; 50 passes it but names no node of 50: both are reported.
        var e = Assert.Throws<ScenarioException>(() => ScenarioYaml.Load(Head + "    nodes: 50\n    protocol: {preset: memberlist-lan, seeds: [0, 50, -1]}\n"))!;
        Assert.That(e.Errors.Select(x => x.Key), Is.EquivalentTo(new[] { "protocol.seeds[1]", "protocol.seeds[2]" }));
        Assert.That(e.Message, Does.Contain("node id 50 does not exist").And.Contain("must be >= 0, got -1"));
    }
}
