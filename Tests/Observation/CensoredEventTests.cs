using GossipSim.Analysis;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Observation;

/// <summary>
/// An update that has not reached everyone when the run ends is right-censored, not failed,
/// when it had less time than the slowest update of its run that did reach everyone took.
/// </summary>
public class CensoredEventTests
{
    /// <summary>
    /// Two nodes; node 0 pushes its state to node 1 once a second and every message takes exactly
    /// 100 ms, so an update reaches node 1 between 100 ms and 1.1 s after node 0 writes it. Node 0
    /// writes at 1 s and 2 s: both reach node 1. Node 1 is cut off from 5 s on, so the update of
    /// 6 s, with 4 s left, never reaches it: a failure. The update of 9.95 s has 50 ms left, less
    /// than any message takes: it cannot have reached node 1, and says nothing about failing.
    /// </summary>
    private const string Yaml =
        "scenarios:\n  - name: cens\n    nodes: 2\n    duration: 10s\n" +
        "    network: {latency: {dist: constant, value: 100ms}, loss: 0}\n" +
        "    protocol: {kind: push, mode: anti-entropy, fanout: 1, interval: 1s}\n" +
        "    updates: {at: [1s, 2s, 6s, 9.95s], from: 0}\n" +
        "    faults: [{at: 5s, isolate: {ids: [1]}}]\n";

    [Test]
    public void UpdateWithLessTimeLeftThanTheSlowestConvergedOne_IsCensored_AndLeftOutOfTheShareThatReachedAll()
    {
        var part = RunRows.Of(RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single(Yaml), 1), timing: false));
        var updates = part.Events.Where(e => e.Get("kind") == "update").ToList();
        var point = RunPoint.Group(part.Runs, part.Events).Single();
        Assert.Multiple(() =>
        {
            Assert.That(updates.Select(e => e.Get("converged")), Is.EqualTo(new[] { "true", "true", "false", "false" }));
            Assert.That(updates.Select(e => e.Get("censored")), Is.EqualTo(new[] { "false", "false", "false", "true" }),
                "the 6 s update had 4 s, more than the slowest converged one took; the 9.95 s one 50 ms");
            Assert.That(part.Runs.Single().Get("updates_censored"), Is.EqualTo("1"));
            Assert.That(point.ReachedAllShare, Is.EqualTo(2.0 / 3).Within(1e-12), "2 of the 3 updates that had time reached everyone");
        });
    }

    /// <summary>
    /// The rule on hand-made results of a run that ended at 10 s: updates that took 1 s and 2 s,
    /// an unfinished one written at 8.5 s (1.5 s left, less than 2 s: censored) and one at 8 s
    /// (2 s left, as long as the slowest took: failed); a crash that was never fully known, with
    /// no finished crash in the run to judge it by (failed); and a join at the run's end that
    /// every observer knew at once (finished, so never censored).
    /// </summary>
    [Test]
    public void MarkCensored_JudgesEachKindByItsOwnSlowestFinishedEvent()
    {
        ClusterEventResult Event(string kind, double t0S, double? t100S) =>
            ClusterEventResult.FromDelays(kind, 0, (long)(t0S * 1e6), 2, t100S is double t ? [0, (long)(t * 1e6)] : [0]);
        var results = ClusterEventResult.MarkCensored(
        [
            Event("update", 1, 1), Event("update", 2, 2), Event("update", 8.5, null), Event("update", 8, null),
            Event("crash", 3, null), Event("join", 10, 0),
        ], 10_000_000);
        Assert.That(results.Select(r => r.Censored), Is.EqualTo(new[] { false, false, true, false, false, false }));
    }
}
