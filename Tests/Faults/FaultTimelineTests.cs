using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Heartbeat;

namespace GossipSim.Tests.Faults;

public class FaultTimelineTests
{
    private const long S = 1_000_000;

    private static HeartbeatConfig Config(int nodes) =>
        new(nodes, S, 3, HeartbeatExchange.Push, FailureDetectorSettings.Timeout(5 * S, 10 * S), [], HeartbeatSizes.Defaults());

    private static int[] Crashed(Simulation sim) => Enumerable.Range(0, sim.NodeCount).Where(i => sim.Status[i] == NodeStatus.Crashed).ToArray();

    private static int[] CrashWith(FaultTargets targets, ulong seed, int nodes = 50)
    {
        var c = new HeartbeatCluster(Config(nodes), (_, _, _) => 1_000, seed);
        c.StartAll();
        var timeline = new FaultTimeline(c.Simulation, [new CrashFault(0, targets)]);
        timeline.Fire(0);
        return Crashed(c.Simulation);
    }

    [Test]
    public void Crash_Count_PicksThatManyDistinctUpNodesSameForSameSeed()
    {
        var first = CrashWith(FaultTargets.Random(12, 0, 1), seed: 7);
        Assert.That(first, Has.Length.EqualTo(12).And.Unique);
        Assert.That(first, Has.No.Member(0).And.No.Member(1));
        Assert.That(CrashWith(FaultTargets.Random(12, 0, 1), seed: 7), Is.EqualTo(first));
        Assert.That(CrashWith(FaultTargets.Random(12, 0, 1), seed: 8), Is.Not.EqualTo(first));
    }

    [Test]
    public void Crash_Fraction_RoundsToNearestOfCandidates() =>
        // 2% of the 49 candidates (50 nodes, one excluded) is 0.98: one node.
        Assert.That(CrashWith(FaultTargets.Share(0.02, 3), seed: 1), Has.Length.EqualTo(1).And.No.Member(3));

    [Test]
    public void Crash_CountAmongUpOnly_NeverPicksACrashedNode()
    {
        var c = new HeartbeatCluster(Config(10), (_, _, _) => 1_000, 3);
        c.StartAll();
        var timeline = new FaultTimeline(c.Simulation, [new CrashFault(0, FaultTargets.Of(0, 1, 2, 3, 4, 5, 6)), new CrashFault(0, FaultTargets.Random(5))]);
        timeline.Fire(0);
        timeline.Fire(1);
        Assert.That(Crashed(c.Simulation), Is.EqualTo(Enumerable.Range(0, 10).ToArray()));
    }

    [Test]
    public void CrashFor_RestartsWithNewGeneration_PeersAcceptIt()
    {
        var setup = HeartbeatRuns.Cassandra(8, 60 * S, 5, [new CrashFault(10 * S, FaultTargets.Of(5), ForUs: 30 * S)]) with
        {
            Protocol = Config(8),
        };
        var outcome = RunExecutor.Execute(setup, timing: false);
        var crash = outcome.Events.Single(e => e.Kind == "crash");
        var restart = outcome.Events.Single(e => e.Kind == "restart");
        Assert.That((crash.Subject, crash.Converged, restart.Subject, restart.T0Us), Is.EqualTo((5, true, 5, 40 * S)));
        // Peers had removed node 5 (T_cleanup 10 s) and take it back only because its generation is newer.
        Assert.That(restart.Converged, $"known fraction {restart.KnownFraction}");
        Assert.That(restart.T100Us, Is.LessThan(3 * S));
    }

    [Test]
    public void Restart_NewProcess_GenerationGreaterThanBefore()
    {
        var c = new HeartbeatCluster(Config(4), (_, _, _) => 1_000);
        c.StartAll();
        c.Simulation.Run(10 * S);
        long before = c.Node(2).Generation;
        c.Simulation.StopNode(2, NodeStatus.Crashed);
        c.Simulation.Run(25 * S);
        new RestartFault(25 * S, FaultTargets.Of(2)).Apply(new FaultTimeline(c.Simulation, []));
        c.Simulation.Run(40 * S);
        long after = c.Node(2).Generation;
        Assert.That(after, Is.GreaterThan(before));
        for (int i = 0; i < 4; i++)
            if (i != 2)
            {
                Assert.That(c.Node(i).GenerationOf(2), Is.EqualTo(after));
                Assert.That(c.Node(i).BeliefOf(2), Is.EqualTo(MemberBelief.Alive));
                Assert.That(c.Log.First(i, ObservationKind.MarkedAlive, 2, 25 * S)!.Value, Is.EqualTo(after));
            }
    }
}
