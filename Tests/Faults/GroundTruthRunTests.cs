using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Heartbeat;

namespace GossipSim.Tests.Faults;

/// <summary>Whole runs: faults reach the trackers as ground truth (false deaths by cause, the time nodes were up) and heal_at yields reconverge_s.</summary>
public class GroundTruthRunTests
{
    private const long S = 1_000_000;

    private static double Column(RunOutcome outcome, string name) =>
        double.Parse(outcome.Row.Get(name)!, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void PartitionThenHeal_DeathsAcrossTheCutArePartitionedAndViewsReconverge()
    {
        var setup = HeartbeatRuns.Cassandra(40, 90 * S, 3, [new PartitionFault(5 * S, FaultTargets.Of(30, 31, 32, 33, 34, 35, 36, 37, 38, 39))]) with { HealAtUs = 45 * S };
        var outcome = RunExecutor.Execute(setup, timing: false);
        Assert.That(Column(outcome, "fp_partitioned"), Is.GreaterThan(0));
        Assert.That(Column(outcome, "fp_paused"), Is.Zero);
        double reconverge = Column(outcome, "reconverge_s");
        Assert.That(reconverge, Is.GreaterThan(0).And.LessThan(45), "views agree again within the liveness phase");
    }

    [Test]
    public void LongPause_DeathsOfThePausedNodeCountAsPaused()
    {
        var setup = HeartbeatRuns.Cassandra(20, 60 * S, 4, [new PauseFault(10 * S, FaultTargets.Of(7), ForUs: 30 * S)]);
        var outcome = RunExecutor.Execute(setup, timing: false);
        Assert.That(Column(outcome, "fp_paused"), Is.GreaterThan(0));
        // The resumed node's own convictions of silent peers are "healthy" (the subjects were up and
        // reachable): the observer-side cost of a pause, which Cassandra's local-pause guard avoids.
        Assert.That(Column(outcome, "fp_partitioned"), Is.Zero);
    }

    /// <summary>
    /// Bytes and messages per node per second are what a live node sends. In push anti-entropy every
    /// live node sends its fanout of same-sized messages each round whoever else is up, so a run in
    /// which half the nodes crash halfway sends as much per live node as one without the crash;
    /// divided by every node over the whole run it would read three quarters of that.
    /// </summary>
    [TestCase("bytes_per_node_s_mean")]
    [TestCase("msgs_per_node_s_mean")]
    public void HalfCrashHalfway_MeanPerLiveNode_AsWithoutTheCrash(string column)
    {
        var calm = Bw1Workload.Setup(200, 20 * S, 5);
        var crash = calm with { Faults = [new CrashFault(10 * S, FaultTargets.Of([.. Enumerable.Range(100, 100)]))] };
        double withoutCrash = Column(RunExecutor.Execute(calm, timing: false), column);
        double withCrash = Column(RunExecutor.Execute(crash, timing: false), column);
        // Rounds start at random phases, so the crashed nodes' last round is cut at a random point: a
        // round of 100 nodes in 3,000 node-seconds is within a few tenths of a percent.
        Assert.That(withCrash / withoutCrash, Is.EqualTo(1.0).Within(0.01));
    }

    /// <summary>
    /// A crash a second before the end cannot have reached every observer, and had less time than
    /// the crash at 30 s took (about 26 s): it is counted as cut off by the run's end, beside the
    /// crash columns, where it would otherwise read only as a crash no observer finished marking.
    /// </summary>
    [Test]
    public void CrashJustBeforeTheEnd_CountedAsCensored()
    {
        var setup = HeartbeatRuns.Cassandra(20, 120 * S, 2, [new CrashFault(30 * S, FaultTargets.Of(7)), new CrashFault(119 * S, FaultTargets.Of(9))]);
        var outcome = RunExecutor.Execute(setup, timing: false);
        Assert.Multiple(() =>
        {
            Assert.That(Column(outcome, "crashes"), Is.EqualTo(2));
            Assert.That(Column(outcome, "crashes_detected_all"), Is.EqualTo(1), "the first crash reached every observer");
            Assert.That(Column(outcome, "crashes_censored"), Is.EqualTo(1));
            Assert.That(Column(outcome, "membership_events_censored"), Is.EqualTo(1));
        });
    }
}
