using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;

namespace GossipSim.Tests.Observation;

/// <summary>
/// The membership trackers fed a hand-written history through <see cref="ObservationHub"/>:
/// five nodes, node 4 joins later, node 3 crashes at 2 s and restarts at 12 s, node 2 is paused
/// for a while, and node 0 cannot reach node 1.
/// </summary>
public class MembershipTrackerTests
{
    private const long S = 1_000_000;
    private NodeStatus[] _truth = null!;
    private ObservationHub _hub = null!;

    [SetUp]
    public void Build()
    {
        _truth = new NodeStatus[5];
        _hub = new ObservationHub(5, ["m"]);
        _hub.TrackMembership(_truth, (i, j) => !(i == 0 && j == 1));
        for (int i = 0; i < 4; i++) Start(i, 0);
    }

    private void Start(int node, long t)
    {
        _truth[node] = NodeStatus.Up;
        _hub.OnNodeStarted(node, t);
    }

    private void Stop(int node, long t, NodeStatus why)
    {
        _truth[node] = why;
        _hub.OnNodeStopped(node, t, why);
    }

    private void Emit(int observer, long t, ObservationKind kind, int subject, long value = 1) =>
        _hub.Observe(observer, t, kind, subject, value);

    private void EveryoneSeesEveryone(long t)
    {
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                if (i != j) Emit(i, t, ObservationKind.MarkedAlive, j);
    }

    private void CrashAndDetect()
    {
        EveryoneSeesEveryone(1 * S);
        Stop(3, 2 * S, NodeStatus.Crashed);
        Emit(0, 3 * S, ObservationKind.Suspected, 3);
        Emit(0, 4 * S, ObservationKind.MarkedDead, 3);
        Emit(1, 5 * S, ObservationKind.MarkedDead, 3);
        Emit(2, 6 * S + 500_000, ObservationKind.MarkedDead, 3);
    }

    [Test]
    public void ViewAccuracy_ThroughStartCrashAndDetection_CountsMatchingPairs()
    {
        var views = _hub.Views!;
        // No membership emission yet: nothing to compare (a rumor run keeps no matrix).
        Assert.That(views.ViewAccuracy, Is.NaN);
        // 4 up observers x 4 other subjects; right: the 4 pairs about absent node 4 (unknown = down), and 0 about 1.
        Emit(0, 0, ObservationKind.MarkedAlive, 1);
        Assert.That(views.ViewAccuracy, Is.EqualTo(5.0 / 16));
        EveryoneSeesEveryone(1 * S);
        Assert.That(views.ViewAccuracy, Is.EqualTo(1.0));
        Stop(3, 2 * S, NodeStatus.Crashed);
        // 3 observers x 4 subjects; the 3 pairs believing node 3 alive are now wrong.
        Assert.That(views.ViewAccuracy, Is.EqualTo(9.0 / 12));
        Emit(0, 3 * S, ObservationKind.Suspected, 3);
        Assert.That((views.ViewAccuracy, views.SuspectedPairs, views.DeadPairs), Is.EqualTo((9.0 / 12, 1L, 0L)));
        Emit(0, 4 * S, ObservationKind.MarkedDead, 3);
        Assert.That((views.ViewAccuracy, views.SuspectedPairs, views.DeadPairs), Is.EqualTo((10.0 / 12, 0L, 1L)));
        Emit(1, 5 * S, ObservationKind.MarkedDead, 3);
        Emit(2, 6 * S, ObservationKind.MarkedDead, 3);
        Assert.That((views.ViewAccuracy, views.DeadPairs, views.UpObservers), Is.EqualTo((1.0, 3L, 3)));
        // The restarted node is a fresh process knowing nobody, and is up while the others hold it dead.
        Start(3, 12 * S);
        Assert.That(views.ViewAccuracy, Is.EqualTo((16.0 - 3 - 3) / 16));
    }

    [Test]
    public void Crash_ObserversMarkDead_DetectionAndConvergenceExact()
    {
        CrashAndDetect();
        var events = _hub.ClusterEvents!.Results(20 * S);
        var crash = events.Single(e => e.Kind == "crash");
        Assert.That((crash.Subject, crash.T0Us, crash.Observers, crash.Knowers), Is.EqualTo((3, 2 * S, 3, 3)));
        Assert.That((crash.T50Us, crash.T100Us), Is.EqualTo(((long?)3 * S, (long?)4_500_000)));
        var d = _hub.ClusterEvents.Detections(events).Single();
        Assert.That((d.FirstSuspectUs, d.FirstDeadUs, d.AllDeadUs), Is.EqualTo(((long?)1 * S, (long?)2 * S, (long?)4_500_000)));
    }

    [Test]
    public void Restart_OnlyAliveWithNewerValueCounts_AndJoinNeedsAlive()
    {
        CrashAndDetect();
        Start(3, 12 * S);
        Emit(0, 13 * S, ObservationKind.MarkedAlive, 3, 12 * S + 1);
        Emit(1, 14 * S, ObservationKind.MarkedAlive, 3, 12 * S + 1);
        Emit(2, 15 * S, ObservationKind.MarkedAlive, 3, 1); // stale generation: not the new life
        Start(4, 16 * S);
        Emit(0, 16 * S + 250_000, ObservationKind.Suspected, 4);
        Emit(1, 17 * S, ObservationKind.MarkedAlive, 4);
        var events = _hub.ClusterEvents!.Results(20 * S);
        var restart = events.Single(e => e.Kind == "restart");
        Assert.That((restart.Observers, restart.Knowers, restart.T50Us, restart.T100Us), Is.EqualTo((3, 2, (long?)2 * S, (long?)null)));
        var join = events.Single(e => e.Kind == "join");
        // Observers of the join: 0, 1, 2 and the restarted 3 (up at 16 s); only node 1 marked it alive.
        Assert.That((join.Subject, join.Observers, join.Knowers, join.T50Us), Is.EqualTo((4, 4, 1, (long?)null)));
    }

    [Test]
    public void FalsePositives_ByCause_ClusterWideAndRefutedCountedApart()
    {
        EveryoneSeesEveryone(1 * S);
        Emit(1, 7 * S, ObservationKind.Suspected, 2);
        Emit(1, 7 * S + 500_000, ObservationKind.MarkedAlive, 2);   // refuted suspicion
        _truth[2] = NodeStatus.Paused;
        Emit(0, 8 * S, ObservationKind.MarkedDead, 2);               // paused
        _truth[2] = NodeStatus.Up;
        Emit(3, 9 * S, ObservationKind.MarkedDead, 2);               // healthy; 2 of the 3 others hold it dead
        Emit(0, 10 * S, ObservationKind.MarkedDead, 1);              // 0 cannot reach 1: partitioned
        Emit(0, 11 * S, ObservationKind.MarkedAlive, 2);             // recovery from dead: not a refutation
        Emit(3, 11 * S, ObservationKind.MarkedAlive, 2);
        Emit(0, 12 * S, ObservationKind.MarkedDead, 2);
        Emit(1, 12 * S, ObservationKind.MarkedDead, 2);              // a second cluster-wide episode
        Stop(3, 15 * S, NodeStatus.Crashed);
        Emit(0, 16 * S, ObservationKind.MarkedDead, 3);              // true death: not a false positive
        var fp = _hub.Views!.FalsePositives(20 * S);
        Assert.That((fp.Declarations, fp.Healthy, fp.Paused, fp.Partitioned), Is.EqualTo((5L, 3L, 1L, 1L)));
        Assert.That((fp.ClusterWide, fp.SuspicionsRefuted), Is.EqualTo((2L, 1L)));
        // Observer up-time: nodes 0-2 for 20 s, node 3 for 15 s.
        Assert.That(fp.ObserverNodeHours, Is.EqualTo(75.0 / 3600).Within(1e-12));
        Assert.That(fp.PerNodeHour, Is.EqualTo(5 / (75.0 / 3600)).Within(1e-9));
    }

    /// <summary>Turns on the late-verdict rule as a run with restarts does (RunExecutor), after the other trackers.</summary>
    private void CountLateDeathMarks(bool valuesNameProcessStarts = false)
    {
        var late = new LateDeathMarks(5, valuesNameProcessStarts);
        _hub.Views!.LateMarks = late;
        _hub.AddMembershipTracker(late);
    }

    [Test]
    public void LateDeathMarks_ReturnedNode_MarkWithoutReportSinceReturnIsLateNotFalse()
    {
        CountLateDeathMarks();
        EveryoneSeesEveryone(1 * S);
        Stop(3, 2 * S, NodeStatus.Crashed);
        Emit(0, 3 * S, ObservationKind.Suspected, 3);
        Start(3, 5 * S);
        Emit(2, 6 * S, ObservationKind.MarkedDead, 3);        // late: silent since the return
        Emit(0, 6 * S + 500_000, ObservationKind.MarkedDead, 3); // late: its suspicion was of the old process
        Emit(1, 7 * S, ObservationKind.MarkedAlive, 3);       // 1 takes up the new process...
        Emit(1, 8 * S, ObservationKind.MarkedDead, 3);        // ...so its death mark is false
        Emit(0, 9 * S, ObservationKind.MarkedAlive, 3);
        Emit(0, 10 * S, ObservationKind.MarkedDead, 3);       // a second mark after the return: false
        var fp = _hub.Views!.FalsePositives(20 * S);
        Assert.That((fp.Declarations, fp.Healthy, fp.LateDeathMarks), Is.EqualTo((2L, 2L, (long?)2)));
        // Most observers (0 and 2 of 0-2) came to hold it dead by late marks: no cluster-wide episode.
        Assert.That(fp.ClusterWide, Is.Zero);
    }

    [Test]
    public void LateDeathMarks_ValuesNamingProcessStarts_TheMarkSaysWhichProcessItJudges()
    {
        // Akka's reports carry the member's incarnation, its process's start time plus one: a mark
        // naming a process started before the return is late even after the observer reported on
        // that old process since the return (unreachable, then downed); one naming the running
        // process is false even from an observer silent since the return.
        CountLateDeathMarks(valuesNameProcessStarts: true);
        EveryoneSeesEveryone(1 * S);
        Stop(3, 2 * S, NodeStatus.Crashed);
        Start(3, 5 * S);
        Emit(0, 5 * S + 500_000, ObservationKind.Suspected, 3, value: 0);
        Emit(0, 6 * S, ObservationKind.MarkedDead, 3, value: 0);            // late: the old process
        Emit(1, 6 * S, ObservationKind.MarkedDead, 3, value: 0);            // late
        var fp = _hub.Views!.FalsePositives(20 * S);
        Assert.That((fp.Declarations, fp.LateDeathMarks), Is.EqualTo((0L, (long?)2)));
        Emit(2, 7 * S, ObservationKind.MarkedDead, 3, value: 5 * S + 1);    // false: the running one
        fp = _hub.Views!.FalsePositives(20 * S);
        Assert.That((fp.Declarations, fp.LateDeathMarks), Is.EqualTo((1L, (long?)2)));
    }

    [Test]
    public void LateDeathMarks_NodeLeftAndCameBack_SameRule()
    {
        CountLateDeathMarks();
        EveryoneSeesEveryone(1 * S);
        Stop(3, 2 * S, NodeStatus.Left);
        Start(3, 4 * S);
        Emit(0, 5 * S, ObservationKind.MarkedDead, 3);
        Assert.That(_hub.Views!.FalsePositives(20 * S).LateDeathMarks, Is.EqualTo(1));
    }

    [Test]
    public void LateDeathMarks_Off_EveryMarkOfALiveNodeIsFalseAndNoColumn()
    {
        EveryoneSeesEveryone(1 * S);
        Stop(3, 2 * S, NodeStatus.Crashed);
        Start(3, 5 * S);
        Emit(2, 6 * S, ObservationKind.MarkedDead, 3);
        var fp = _hub.Views!.FalsePositives(20 * S);
        Assert.That((fp.Declarations, fp.LateDeathMarks), Is.EqualTo((1L, (long?)null)));
    }

    [Test]
    public void Return_WhileMostHoldTheStoppedProcessDead_BeginsNoClusterWideEpisode()
    {
        CrashAndDetect();
        Start(3, 12 * S);
        Emit(0, 13 * S, ObservationKind.MarkedAlive, 3);      // 1 and 2 still hold it dead, rightly about the old process
        Emit(1, 14 * S, ObservationKind.MarkedAlive, 3);
        Emit(1, 15 * S, ObservationKind.MarkedDead, 3);       // most now hold the new process dead: an episode
        Emit(0, 16 * S, ObservationKind.MarkedDead, 3);
        Assert.That(_hub.Views!.FalsePositives(20 * S).ClusterWide, Is.EqualTo(1));
    }
}
