using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Perf;

/// <summary>
/// Whole runs split across threads (<c>--threads</c>) against the same runs on one: every column
/// of the row and every cluster event the same, through every fault a rumor-family run can have
/// and the network models that change a message's fate, and runs that cannot be split say so.
/// </summary>
public class SplitRunOutputTests
{
    private const string Yaml = """
        defaults:
          nodes: 200
          duration: 20s
          sample_every: 2s
          network: {latency: {dist: uniform, min: 1ms, max: 10ms}, loss: 0.02}
          protocol: {kind: pushpull, mode: anti-entropy, fanout: 2, interval: 200ms}
          updates: {every: 500ms}
        scenarios:
          - name: faults
            heal_at: 15s
            faults:
              - {at: 2s, crash: {count: 5, exclude: [0]}, for: 4s}
              - {at: 3s, leave: {count: 3, exclude: [0]}}
              - {at: 4s, partition: {fraction: 0.2, exclude: [0]}, until: 9s}
              - {at: 5s, isolate: {count: 2, exclude: [0]}, for: 2s}
              - {at: 6s, degrade: {count: 10, loss: 0.3, latency: 5ms}, for: 5s}
              - {at: 7s, restart: {count: 4, exclude: [0]}}
              - {at: 1s, churn: {model: poisson, departures_per_s: 2, arrivals_per_s: 2, exclude: [0]}, until: 14s}
          - name: joins
            initial_nodes: 150
            faults: [{at: 1s, join: {count: 50}}]
          - name: rumor-models
            protocol: {kind: push, mode: rumor, stop: {counter: 2}, feedback: true}
            network:
              latency: {dist: exponential, min: 500us, mean: 3ms}
              duplicate: 0.05
              mtu: 600
              uplink: {bytes_per_s: 2000000, queue_bytes: 20000}
              burst_loss: {p_good_bad: 0.01, p_bad_good: 0.3}
          - name: zones
            protocol: {kind: pull}
            network:
              zones:
                names: [a, b]
                links: [{between: [a, b], latency: {dist: uniform, min: 20ms, max: 40ms}, loss: 0.05}]
        """;

    private static IEnumerable<RunSetup> Setups() =>
        ScenarioLoader.Parse(Yaml, "split.yaml").Points.Select(point => ScenarioCompiler.Compile(point, 7));

    [Test]
    public void RumorRuns_WithEveryFaultAndNetworkModel_SplitAcrossThreads_SameRowsAndEvents()
    {
        foreach (var setup in Setups())
        {
            var one = RunExecutor.Execute(setup, timing: false);
            var three = RunExecutor.Execute(setup, timing: false, threads: 3);
            Assert.That(three.Threads, Is.EqualTo(3), setup.Scenario);
            Assert.That(three.Row.Cells, Is.EqualTo(one.Row.Cells), setup.Scenario);
            Assert.That(three.Events.Select(Text), Is.EqualTo(one.Events.Select(Text)), setup.Scenario);
            Assert.That(three.Samples, Is.EqualTo(one.Samples), setup.Scenario);
            Assert.That(three.EventsProcessed, Is.EqualTo(one.EventsProcessed), setup.Scenario);
        }
    }

    /// <summary>An event as text, its dissemination curve included (a record compares arrays by reference).</summary>
    private static string Text(GossipSim.Simulator.Observation.ClusterEventResult e) => $"{e} {string.Join(",", e.CurveUs)}";

    [TestCase("protocol: {preset: memberlist-lan}")]
    [TestCase("faults: [{at: 1s, pause: {count: 2}, for: 1s}]")]
    [TestCase("network: {latency: {dist: lognormal, median: 2ms, p99: 20ms}}")]
    public void RunsThatCannotBeSplit_RunOnOneThread(string change)
    {
        string yaml = "defaults:\n  nodes: 50\n  duration: 3s\n  protocol: {kind: pushpull, mode: anti-entropy, fanout: 2, interval: 200ms}\n" +
            $"scenarios:\n  - name: one\n    {change}\n";
        var setup = ScenarioCompiler.Compile(ScenarioLoader.Parse(yaml, "one.yaml").Points.Single(), 1);
        Assert.That(RunExecutor.Execute(setup, timing: false, threads: 2).Threads, Is.EqualTo(1));
    }
}
