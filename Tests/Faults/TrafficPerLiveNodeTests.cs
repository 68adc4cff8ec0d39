using System.Globalization;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Faults;

/// <summary>
/// Bytes and messages per node per second are what a live node sends. In push anti-entropy every
/// live node sends its fanout of same-sized messages each round whoever else is up, so a run in
/// which half the nodes crash halfway sends as much per live node as one without the crash; divided
/// by every node over the whole run it would read three quarters of that.
/// </summary>
public class TrafficPerLiveNodeTests
{
    private const long S = 1_000_000;

    private static double Column(RunOutcome outcome, string name) =>
        double.Parse(outcome.Row.Get(name)!, CultureInfo.InvariantCulture);

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
}
