using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

public class ScenarioDefaultsTests
{
    private static readonly string Minimal = ScenarioYaml.Lines("scenarios:", "  - name: bare");

    [Test]
    public void Load_OnlyName_EveryDefaultApplied()
    {
        var s = ScenarioYaml.Single(Minimal);
        Assert.Multiple(() =>
        {
            Assert.That(s.Name, Is.EqualTo("bare"));
            Assert.That(s.PointIndex, Is.Zero);
            Assert.That(s.Parameters, Is.Empty);
            Assert.That(s.Tags, Is.Empty);
            Assert.That(s.Nodes, Is.EqualTo(1200));
            Assert.That(s.DurationUs(), Is.EqualTo(60_000_000));
            Assert.That(s.Seed, Is.EqualTo(1UL));
            Assert.That(s.Seeds, Is.EqualTo(1));
            Assert.That(s.DurationUs("sample_every"), Is.EqualTo(1_000_000));
            Assert.That(s.Text("network.latency.dist"), Is.EqualTo("uniform"));
            Assert.That(s.DurationUs("network.latency.min"), Is.EqualTo(1_000));
            Assert.That(s.DurationUs("network.latency.max"), Is.EqualTo(10_000));
            Assert.That(s.Real("network.loss"), Is.EqualTo(0.0));
            Assert.That(s.Keys("network.sizes"), Is.Empty);
            Assert.That(s.Text("protocol.kind"), Is.EqualTo("pushpull"));
            Assert.That(s.Text("protocol.mode"), Is.EqualTo("anti-entropy"));
            Assert.That(s.Int("protocol.fanout"), Is.EqualTo(3));
            Assert.That(s.DurationUs("protocol.interval"), Is.EqualTo(200_000));
            Assert.That(s.Text("protocol.stop"), Is.EqualTo("none"));
            Assert.That(s.Has("protocol.stop.k"), Is.False);
            Assert.That(s.Bool("protocol.feedback"), Is.True);
            Assert.That(s.Text("timers.phase"), Is.EqualTo("random"));
            Assert.That(s.Has("updates"), Is.False);
            Assert.That(s.Has("description"), Is.False);
        });
    }

    [Test]
    public void Load_DefaultsSection_DeepMergedUnderScenario()
    {
        var yaml = ScenarioYaml.Lines(
            "defaults:",
            "  nodes: 500",
            "  protocol: {kind: push, mode: rumor, fanout: 4, interval: 100ms, stop: {counter: 2}}",
            "  network: {loss: 0.05}",
            "scenarios:",
            "  - name: slow-fanout",
            "    protocol: {fanout: 1}",
            "    network: {latency: {dist: constant, value: 2ms}}");
        var s = ScenarioYaml.Single(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(s.Nodes, Is.EqualTo(500));
            Assert.That(s.Int("protocol.fanout"), Is.EqualTo(1), "scenario value wins");
            Assert.That(s.Text("protocol.kind"), Is.EqualTo("push"), "sibling keys kept");
            Assert.That(s.Text("protocol.mode"), Is.EqualTo("rumor"));
            Assert.That(s.DurationUs("protocol.interval"), Is.EqualTo(100_000));
            Assert.That(s.Text("protocol.stop"), Is.EqualTo("counter"));
            Assert.That(s.Int("protocol.stop.k"), Is.EqualTo(2));
            Assert.That(s.Real("network.loss"), Is.EqualTo(0.05));
            Assert.That(s.Text("network.latency.dist"), Is.EqualTo("constant"));
            Assert.That(s.DurationUs("network.latency.value"), Is.EqualTo(2_000));
        });
    }

    [Test]
    public void Load_ScenarioSwitchesDist_DefaultsDistKeysNotInherited()
    {
        var yaml = ScenarioYaml.Lines(
            "defaults:",
            "  network: {latency: {dist: uniform, min: 1ms, max: 5ms}}",
            "scenarios:",
            "  - name: a",
            "    network: {latency: {dist: lognormal, median: 2ms, p99: 20ms}}",
            "  - name: b",
            "    network: {latency: {dist: uniform, max: 9ms}}");
        var set = ScenarioYaml.Load(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(set.Points[0].Keys("network.latency"), Is.EqualTo(new[] { "dist", "median", "p99" }));
            Assert.That(set.Points[1].DurationUs("network.latency.min"), Is.EqualTo(1_000), "same dist merges");
            Assert.That(set.Points[1].DurationUs("network.latency.max"), Is.EqualTo(9_000));
        });
    }

    [Test]
    public void Load_StopRuleInScenario_ReplacesDefaultStopRule()
    {
        var yaml = ScenarioYaml.Lines(
            "defaults:",
            "  protocol: {mode: rumor, stop: {counter: 2}}",
            "scenarios:",
            "  - name: a",
            "    protocol: {stop: {coin: 4}}");
        var s = ScenarioYaml.Single(yaml);
        Assert.That(s.Text("protocol.stop"), Is.EqualTo("coin"));
        Assert.That(s.Int("protocol.stop.k"), Is.EqualTo(4));
    }

    [Test]
    public void Load_UpdatesEvery_StartDefaultsToEvery()
    {
        var s = ScenarioYaml.Single(ScenarioYaml.Lines("scenarios:", "  - name: a", "    updates: {every: 2s}"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Text("updates.kind"), Is.EqualTo("every"));
            Assert.That(s.DurationUs("updates.every"), Is.EqualTo(2_000_000));
            Assert.That(s.DurationUs("updates.start"), Is.EqualTo(2_000_000));
            Assert.That(s.Has("updates.from"), Is.False);
        });
    }

    [Test]
    public void Load_UpdatesAt_ListAndOrigin()
    {
        var s = ScenarioYaml.Single(ScenarioYaml.Lines("scenarios:", "  - name: a", "    updates: {at: [1s, 1.5s, 0], from: 7}"));
        Assert.Multiple(() =>
        {
            Assert.That(s.Text("updates.kind"), Is.EqualTo("at"));
            Assert.That(s.DurationListUs("updates.at"), Is.EqualTo(new long[] { 1_000_000, 1_500_000, 0 }));
            Assert.That(s.Int("updates.from"), Is.EqualTo(7));
        });
    }

    [Test]
    public void Load_SizesAndLatencyVariants_TypedAccess()
    {
        var yaml = ScenarioYaml.Lines(
            "scenarios:",
            "  - name: a",
            "    seed: 18446744073709551615",
            "    description: 'steady: state'",
            "    network:",
            "      latency: {dist: normal, mean: 5ms, sd: 1ms}",
            "      sizes: {push: {header: 40, item: 12}, feedback: {header: 20, item: 0}}");
        var s = ScenarioYaml.Single(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(s.Seed, Is.EqualTo(ulong.MaxValue));
            Assert.That(s.Text("description"), Is.EqualTo("steady: state"));
            Assert.That(s.DurationUs("network.latency.min"), Is.Zero, "normal.min defaults to 0");
            Assert.That(s.Keys("network.sizes"), Is.EqualTo(new[] { "feedback", "push" }));
            Assert.That(s.Int("network.sizes.push.header"), Is.EqualTo(40));
            Assert.That(s.Long("network.sizes.push.item"), Is.EqualTo(12));
        });
    }

    [Test]
    public void Accessors_UndefinedPath_KeyNotFound()
    {
        var s = ScenarioYaml.Single(Minimal);
        Assert.Throws<KeyNotFoundException>(() => s.Int("protocol.fanuot"));
        Assert.Throws<KeyNotFoundException>(() => s.DurationUs("updates.every"));
        Assert.Throws<InvalidCastException>(() => s.Int("protocol.interval"));
    }

    [Test]
    public void CanonicalYaml_SameMeaningDifferentSpelling_IdenticalText()
    {
        var a = ScenarioYaml.Single(ScenarioYaml.Lines("scenarios:", "  - name: a", "    protocol: {interval: 0.2s, fanout: 3}", "    duration: 1m"));
        var b = ScenarioYaml.Single(ScenarioYaml.Lines("scenarios:", "  - name: a", "    duration: 60s", "    protocol: {kind: pushpull}"));
        Assert.That(a.CanonicalYaml(), Is.EqualTo(b.CanonicalYaml()));
        Assert.That(a.CanonicalYaml(), Does.Contain("interval: 200ms"));
    }

    [Test]
    public void CanonicalYaml_LoadedAgain_SameCanonicalYaml()
    {
        var yaml = ScenarioYaml.Lines(
            "scenarios:",
            "  - name: a",
            "    tags: [ci]",
            "    description: 'has: colon'",
            "    protocol: {mode: rumor, stop: {counter: 2}}",
            "    network: {sizes: {push: {header: 1, item: 2}}}",
            "    updates: {at: [1s]}");
        var first = ScenarioYaml.Single(yaml).CanonicalYaml();
        var indented = string.Join("\n", first.TrimEnd('\n').Split('\n').Select((l, i) => (i == 0 ? "  - " : "    ") + l));
        var second = ScenarioYaml.Single("scenarios:\n" + indented + "\n").CanonicalYaml();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Load_File_HashAndNamesInFileOrder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gossipsim-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ScenarioYaml.Lines("scenarios:", "  - name: zeta", "  - name: alpha"));
        try
        {
            var set = ScenarioLoader.Load(path);
            Assert.That(set.ScenarioNames, Is.EqualTo(new[] { "zeta", "alpha" }));
            Assert.That(set.SourcePath, Is.EqualTo(path));
            Assert.That(set.ContentSha256, Is.EqualTo(Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
