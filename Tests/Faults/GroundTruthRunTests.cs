using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Heartbeat;

namespace GossipSim.Tests.Faults;

/// <summary>Whole runs: faults reach the trackers as ground truth (false deaths by cause) and heal_at yields reconverge_s.</summary>
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
}
