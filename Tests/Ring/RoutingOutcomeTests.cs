using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Ring;

public class RoutingOutcomeTests
{
    private const long S = RoutingRuns.S;

    /// <summary>The workload starts at 20 s: a heartbeat cluster started cold needs about 13 s at 150 nodes before every node has heard of every other.</summary>
    [TestCase("heartbeat")]
    [TestCase("swim")]
    public void Requests_NoFaults_EveryRequestOk(string kind)
    {
        var outcome = RunExecutor.Execute(RoutingRuns.Setup(kind, 150, 40 * S, []), timing: false);
        var row = outcome.Row;
        Assert.That(double.Parse(row.Get("requests")!), Is.GreaterThan(15_000));
        Assert.That(row.Get("request_ok"), Is.EqualTo(row.Get("requests")));
        Assert.That(row.Get("request_sent_to_dead"), Is.EqualTo("0"));
        Assert.That(row.Get("request_needless_hint"), Is.EqualTo("0"));
        Assert.That(row.Get("request_wrong_owner"), Is.EqualTo("0"));
    }

    [TestCase("heartbeat")]
    [TestCase("swim")]
    public void Requests_AfterCrash_SentToDeadAppearsThenFallsToZeroOnceDetected(string kind)
    {
        var crashAt = 25 * S;
        var outcome = RunExecutor.Execute(RoutingRuns.Setup(kind, 150, 70 * S, [new CrashFault(crashAt, FaultTargets.Random(3, 0, 1, 2))]), timing: false);
        var crashes = outcome.Events.Where(e => e.Kind == "crash").ToList();
        Assert.That(crashes, Has.Count.EqualTo(3));
        Assert.That(crashes.All(c => c.Converged), "every crash detected by every observer");
        long detectedUs = crashAt + crashes.Max(c => c.T100Us!.Value);
        var series = RoutingRuns.Series(outcome);
        long before = series.Where(s => s.TimeUs <= crashAt).Sum(s => s.Counts.SentToDead);
        long soonAfter = series.Where(s => s.TimeUs > crashAt && s.TimeUs <= crashAt + 5 * S).Sum(s => s.Counts.SentToDead);
        // A sample counts the second before it: from the first sample wholly after detection on, none.
        long afterDetection = series.Where(s => s.TimeUs - S >= detectedUs).Sum(s => s.Counts.SentToDead);
        Assert.That(before, Is.Zero);
        Assert.That(soonAfter, Is.GreaterThan(0), "3 of 150 nodes hold about 6% of replicas; coordinators still believe them up");
        Assert.That(afterDetection, Is.Zero, $"all observers marked the crashed dead at {detectedUs / 1e6} s");
        Assert.That(series.Where(s => s.TimeUs - S >= detectedUs).Sum(s => s.Counts.Ok), Is.GreaterThan(0));
    }

    [TestCase("heartbeat")]
    [TestCase("swim")]
    public void Requests_AfterJoin_WrongOwnerAppearsThenFallsToZeroOnceRingConverges(string kind)
    {
        var joinAt = 25 * S;
        var outcome = RunExecutor.Execute(RoutingRuns.Setup(kind, 150, 60 * S, [new JoinFault(joinAt, FaultTargets.Random(5))], initialNodes: 145), timing: false);
        var joins = outcome.Events.Where(e => e.Kind == "ring_join").ToList();
        Assert.That(joins, Has.Count.EqualTo(5));
        Assert.That(joins.All(j => j.Converged), "every observer's ring holds every joiner's tokens");
        long convergedUs = joinAt + joins.Max(j => j.T100Us!.Value);
        var series = RoutingRuns.Series(outcome);
        Assert.That(series.Where(s => s.TimeUs <= joinAt).Sum(s => s.Counts.WrongOwner), Is.Zero);
        Assert.That(series.Where(s => s.TimeUs > joinAt && s.TimeUs <= joinAt + 3 * S).Sum(s => s.Counts.WrongOwner), Is.GreaterThan(0));
        // The joiners' own views also need the ring: allow the sample after convergence to finish, then none.
        Assert.That(series.Where(s => s.TimeUs - S >= convergedUs + S).Sum(s => s.Counts.WrongOwner), Is.Zero,
            $"ring converged at {convergedUs / 1e6} s");
    }

    [TestCase("heartbeat")]
    [TestCase("swim")]
    public void Move_OneNode_EveryObserverTakesTheNewTokens(string kind)
    {
        var outcome = RunExecutor.Execute(RoutingRuns.Setup(kind, 100, 40 * S, [new MoveFault(25 * S, FaultTargets.Of(7))]), timing: false);
        var move = outcome.Events.Single(e => e.Kind == "ring_move");
        Assert.That(move.Subject, Is.EqualTo(7));
        Assert.That(move.Converged, $"known fraction {move.KnownFraction}");
        Assert.That(double.Parse(outcome.Row.Get("ring_bytes_per_node_s")!), Is.GreaterThan(0));
    }

    [TestCase("heartbeat")]
    [TestCase("swim")]
    public void Leave_OneNode_EveryObserverDropsItsTokens(string kind)
    {
        var outcome = RunExecutor.Execute(RoutingRuns.Setup(kind, 100, 40 * S, [new LeaveFault(25 * S, FaultTargets.Of(9))]), timing: false);
        var leave = outcome.Events.Single(e => e.Kind == "ring_leave");
        Assert.That(leave.Converged, $"known fraction {leave.KnownFraction}");
    }
}
