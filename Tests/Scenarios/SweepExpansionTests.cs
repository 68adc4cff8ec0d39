using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

public class SweepExpansionTests
{
    private static IReadOnlyList<ScenarioSpec> Points(string sweep, params string[] sets) =>
        ScenarioYaml.Load(ScenarioYaml.Lines("scenarios:", "  - name: s", "    seeds: 3", "    sweep: " + sweep), sets).Points;

    private static string[] Params(ScenarioSpec p) => p.Parameters.Select(kv => $"{kv.Key}={kv.Value}").ToArray();

    [Test]
    public void Grid_TwoKeys_CartesianLastKeyFastest()
    {
        var points = Points("{grid: {protocol.fanout: [1, 2], protocol.interval: [100ms, 0.2s, 1s]}}");
        Assert.That(points, Has.Count.EqualTo(6));
        Assert.That(points.Select(p => p.PointIndex), Is.EqualTo(Enumerable.Range(0, 6)));
        Assert.That(points.Select(p => string.Join(" ", Params(p))), Is.EqualTo(new[]
        {
            "protocol.fanout=1 protocol.interval=100ms",
            "protocol.fanout=1 protocol.interval=200ms",
            "protocol.fanout=1 protocol.interval=1s",
            "protocol.fanout=2 protocol.interval=100ms",
            "protocol.fanout=2 protocol.interval=200ms",
            "protocol.fanout=2 protocol.interval=1s",
        }));
        Assert.That(points[4].Int("protocol.fanout"), Is.EqualTo(2));
        Assert.That(points[4].DurationUs("protocol.interval"), Is.EqualTo(200_000));
        Assert.That(points.All(p => p.Seeds == 3), Is.True, "each point keeps its seed replications");
    }

    [Test]
    public void Zip_KeysMoveTogether_CrossedWithGrid()
    {
        var points = Points("{grid: {protocol.mode: [anti-entropy, rumor]}, zip: {nodes: [100, 1000], protocol.fanout: [2, 4]}}");
        Assert.That(points.Select(p => string.Join(" ", Params(p))), Is.EqualTo(new[]
        {
            "protocol.mode=anti-entropy nodes=100 protocol.fanout=2",
            "protocol.mode=anti-entropy nodes=1000 protocol.fanout=4",
            "protocol.mode=rumor nodes=100 protocol.fanout=2",
            "protocol.mode=rumor nodes=1000 protocol.fanout=4",
        }));
        Assert.That(points[3].Nodes, Is.EqualTo(1000));
    }

    [Test]
    public void Range_LinearStep_InclusiveValues()
    {
        var points = Points("{grid: {protocol.fanout: {from: 1, to: 6, step: 2}, network.loss: {from: 0, to: 0.3, step: 0.1}}}");
        Assert.That(points.Select(p => p.Int("protocol.fanout")).Distinct(), Is.EqualTo(new[] { 1, 3, 5 }));
        Assert.That(points.Take(4).Select(p => p.Parameters[1].Value), Is.EqualTo(new[] { "0", "0.1", "0.2", "0.3" }));
    }

    [Test]
    public void Range_LogSteps_GeometricRounded()
    {
        var points = Points("{grid: {nodes: {from: 100, to: 10000, log_steps: 5}}}");
        Assert.That(points.Select(p => p.Nodes), Is.EqualTo(new[] { 100, 316, 1000, 3162, 10000 }));
    }

    [Test]
    public void Range_Durations_FormattedCanonically()
    {
        var points = Points("{grid: {protocol.interval: {from: 500ms, to: 2s, step: 500ms}}}");
        Assert.That(points.Select(p => p.Parameters[0].Value), Is.EqualTo(new[] { "500ms", "1s", "1.5s", "2s" }));
    }

    [Test]
    public void Grid_MapValues_ParametersInFlowForm()
    {
        var points = Points("{grid: {protocol.stop: [none, {counter: 2}]}}");
        Assert.That(points.Select(p => p.Parameters[0].Value), Is.EqualTo(new[] { "none", "{counter: 2}" }));
        Assert.That(points[1].Int("protocol.stop.k"), Is.EqualTo(2));
    }

    [Test]
    public void Sweep_SameText_SamePointOrder()
    {
        const string sweep = "{grid: {protocol.fanout: [4, 1, 3]}, zip: {seed: [9, 7]}}";
        Assert.That(Points(sweep).Select(p => p.ToString()), Is.EqualTo(Points(sweep).Select(p => p.ToString())));
        Assert.That(Points(sweep)[1].Seed, Is.EqualTo(7UL));
    }

    [Test]
    public void Sweep_WithSetOnOtherKey_BothApplied()
    {
        var points = Points("{grid: {protocol.fanout: [1, 2]}}", "nodes=10");
        Assert.That(points.Select(p => p.Nodes), Is.EqualTo(new[] { 10, 10 }));
    }

    [Test]
    public void Sweep_SetOnSweptKey_Error()
    {
        var e = Assert.Throws<ScenarioException>(() => Points("{grid: {protocol.fanout: [1, 2]}}", "protocol.fanout=3"))!;
        Assert.That(e.Errors.Single().Message, Does.Contain("conflicts with the sweep"));
    }
}
