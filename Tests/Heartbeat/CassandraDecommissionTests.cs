using System.Globalization;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Ring;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// Cassandra's decommission from StorageService.leaveRing on (docs/references.md §2): STATUS LEFT,
/// then the node goes on gossiping for max(RING_DELAY, 2 × interval) while its peers learn LEFT and
/// excise it, then its process stops without announcing a shutdown (Gossiper.stop is silent for a
/// LEFT state). The trackers hold it gone from the instant it left, so a peer that removes or
/// convicts it while its process still runs declares no false death, and the leave's times start
/// there.
/// </summary>
public class CassandraDecommissionTests
{
    private const long S = 1_000_000;
    private const long LatencyUs = 1_000;
    private const int Nodes = 6, Leaver = 5;

    private static HeartbeatConfig Cassandra(long ringDelayUs) =>
        new(Nodes, S, 1, HeartbeatExchange.Digest, FailureDetectorSettings.Cassandra(), [], HeartbeatSizes.Defaults(),
            Echo: true, AnnounceShutdown: true, QuarantineUs: 60 * S, Transport: HeartbeatTransport.Tcp, RingDelayUs: ringDelayUs);

    private static HeartbeatCluster Cluster(long ringDelayUs) =>
        new(Cassandra(ringDelayUs), (_, _, _) => LatencyUs, ring: new RingSettings(4, 1, RingPlacement.Simple, null));

    private static bool FromLeaver(int from, int to) => from == Leaver;

    private static bool ToLeaver(int from, int to) => to == Leaver;

    [Test]
    public void Decommission_GossipsForTheRingDelay_PeersExciseIt_ThenItStopsWithoutAWord()
    {
        var c = Cluster(ringDelayUs: 30 * S);
        var sim = c.Simulation;
        c.StartAll();
        sim.Run(20 * S);
        long synsBefore = c.Handled.Of(HeartbeatMessageType.Syn, FromLeaver);
        sim.LeaveNode(Leaver);
        Assert.That((sim.Status[Leaver], sim.IsLeaving(Leaver), sim.HasLeftMembership(Leaver)), Is.EqualTo((NodeStatus.Up, true, true)),
            "it has left the membership and runs on");

        // A few rounds of digests carry LEFT to every peer, which excises it (Removed) and
        // quarantines it; the peers' ring views drop its tokens.
        sim.Run(30 * S);
        for (int observer = 0; observer < Leaver; observer++)
        {
            Assert.That(c.Node(observer).BeliefOf(Leaver), Is.EqualTo(MemberBelief.Left), $"node {observer} excised it");
            Assert.That(c.Log.First(observer, ObservationKind.Removed, Leaver, afterUs: 20 * S)!.TimeUs, Is.LessThan(30 * S), $"node {observer}");
        }

        // The rest of the delay: the leaver still gossips a SYN a round; its excised peers send it
        // no SYN (it is neither live nor unreachable to them) but answer its SYNs, and its newer
        // heartbeats, quarantined, change nothing of their view.
        long synsToLeaver = c.Handled.Of(HeartbeatMessageType.Syn, ToLeaver);
        long acksToLeaver = c.Handled.Of(HeartbeatMessageType.Ack, ToLeaver);
        sim.Run(50 * S);
        Assert.That(sim.Status[Leaver], Is.EqualTo(NodeStatus.Up), "running until the ring delay ends at 50 s");
        Assert.That(c.Handled.Of(HeartbeatMessageType.Syn, FromLeaver) - synsBefore, Is.GreaterThanOrEqualTo(29), "a SYN each round of the delay");
        Assert.That(c.Handled.Of(HeartbeatMessageType.Syn, ToLeaver) - synsToLeaver, Is.Zero, "no SYN to an excised node");
        Assert.That(c.Handled.Of(HeartbeatMessageType.Ack, ToLeaver) - acksToLeaver, Is.GreaterThanOrEqualTo(19), "its SYNs answered");
        for (int observer = 0; observer < Leaver; observer++)
            Assert.That(c.Node(observer).BeliefOf(Leaver), Is.EqualTo(MemberBelief.Left), $"node {observer} still holds it excised");

        sim.Run(50 * S + 1);
        Assert.That((sim.Status[Leaver], sim.IsLeaving(Leaver), sim.HasLeftMembership(Leaver)), Is.EqualTo((NodeStatus.Left, false, false)),
            "its process stopped at the end of the delay");
        sim.Run(90 * S);
        // Silent: no LEFT pushed at the leave, no GOSSIP_SHUTDOWN at the stop (both are pushes), so
        // no peer ever marks it down; they had removed it.
        Assert.That(c.Handled.Of(HeartbeatMessageType.Push, FromLeaver), Is.Zero, "no push from the leaver");
        Assert.That(c.Log.All.Where(e => e.Subject == Leaver && e.Kind is ObservationKind.MarkedDead or ObservationKind.MarkedAlive && e.TimeUs > 20 * S), Is.Empty,
            "nobody marks it dead or alive after it left");
        var leave = c.Hub.ClusterEvents!.Results(90 * S).Single(e => e.Subject == Leaver);
        Assert.That((leave.Kind, leave.T0Us), Is.EqualTo(("leave", 20 * S)), "one leave, from the instant it left");
        Assert.That(leave.T100Us, Is.InRange(1L, 10 * S), "known everywhere within the delay");
    }

    [Test]
    public void RingDelay_IsTheLongerOfRingDelayAndTwoRounds()
    {
        // StorageService.leaveRing sleeps max(RING_DELAY, Gossiper.intervalInMillis * 2).
        Assert.That(Cassandra(30 * S).LeaveGossipUs, Is.EqualTo(30 * S));
        Assert.That(Cassandra(1_000).LeaveGossipUs, Is.EqualTo(2 * S));
        Assert.That(Cassandra(0).LeaveGossipUs, Is.Zero, "off");
        var c = Cluster(ringDelayUs: 1_000);
        c.StartAll();
        c.Simulation.Run(20 * S);
        c.Simulation.LeaveNode(Leaver);
        c.Simulation.Run(22 * S);
        Assert.That(c.Simulation.Status[Leaver], Is.EqualTo(NodeStatus.Up), "two rounds at least");
        c.Simulation.Run(22 * S + 1);
        Assert.That(c.Simulation.Status[Leaver], Is.EqualTo(NodeStatus.Left));
    }

    [Test]
    public void CrashDuringTheRingDelay_ForgetsTheLeave_TheRestartedProcessStaysUp()
    {
        // The crash ends the process with status Crashed: the leave no longer runs, and the process
        // restarted at 30 s is a fresh one that does not stop when the old ring delay would have
        // ended. The leave itself was announced at 20 s: that stays the subject's event, and the
        // crash of a node already out of the membership adds none.
        var c = Cluster(ringDelayUs: 30 * S);
        var sim = c.Simulation;
        c.StartAll();
        sim.Run(20 * S);
        sim.LeaveNode(Leaver);
        sim.Run(25 * S);
        sim.StopNode(Leaver, NodeStatus.Crashed);
        Assert.That((sim.Status[Leaver], sim.IsLeaving(Leaver), sim.HasLeftMembership(Leaver)), Is.EqualTo((NodeStatus.Crashed, false, false)));
        sim.Run(30 * S);
        sim.StartNode(Leaver);
        sim.Run(90 * S);
        Assert.That((sim.Status[Leaver], sim.IsLeaving(Leaver)), Is.EqualTo((NodeStatus.Up, false)), "the restarted process runs on");
        var events = c.Hub.ClusterEvents!.Results(90 * S).Where(e => e.Subject == Leaver).Select(e => (e.Kind, e.T0Us / S));
        Assert.That(events, Is.EqualTo(new[] { ("leave", 20L), ("restart", 30L) }));
    }

    [Test]
    public void WithoutTheRingDelay_LeftIsPushedAndTheProcessStopsAtOnce()
    {
        // The what-if of ring_delay: 0 (the heartbeat kind's default).
        var c = Cluster(ringDelayUs: 0);
        c.StartAll();
        c.Simulation.Run(20 * S);
        c.Simulation.LeaveNode(Leaver);
        Assert.That(c.Simulation.Status[Leaver], Is.EqualTo(NodeStatus.Left));
        c.Simulation.Run(21 * S);
        Assert.That(c.Handled.Of(HeartbeatMessageType.Push, FromLeaver), Is.EqualTo(Nodes - 1), "LEFT pushed to each live peer");
        var leave = c.Hub.ClusterEvents!.Results(21 * S).Single(e => e.Subject == Leaver);
        Assert.That((leave.T0Us, leave.T100Us), Is.EqualTo((20 * S, LatencyUs)));
    }

    /// <summary>100 nodes of the cassandra preset with a 16-vnode ring on 1-10 ms links; three nodes decommission at 15 s, so their processes stop at 45 s.</summary>
    private static RunOutcome Run(string duration, string faults, string extra = "") => RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single($$$"""
        scenarios:
          - name: decommission
            nodes: 100
            duration: {{{duration}}}
            network: {latency: {dist: uniform, min: 1ms, max: 10ms}}
            protocol: {preset: cassandra}
            updates: none
            ring: {vnodes: 16, replication_factor: 3}
            sample_every: 1s
            faults: {{{faults}}}
        {{{extra}}}
        """), 1), timing: false);

    private static long Count(RunOutcome outcome, string column) => long.Parse(outcome.Row.Get(column)!, CultureInfo.InvariantCulture);

    [Test]
    public void Preset_Decommission_LeaveTimesFromTheLeave_NoFalseDeath_RequestsRoutedAsThePeersNowKnow()
    {
        // The run ends at 44 s, before the leavers' processes stop: everything here happens while
        // they still run. Requests from 35 s, when every peer has excised them.
        var outcome = Run("44s", "[{at: 15s, leave: {count: 3, exclude: [0, 1, 2]}}]", "    workload: {rate: 500/s, keys: uniform, start: 35s}");
        var leaves = outcome.Events.Where(e => e.Kind == "leave").ToList();
        var ringLeaves = outcome.Events.Where(e => e.Kind == "ring_leave").ToList();
        Assert.That(leaves, Has.Count.EqualTo(3));
        Assert.That(ringLeaves.Select(e => e.Subject), Is.EquivalentTo(leaves.Select(e => e.Subject)));
        foreach (var e in leaves.Concat(ringLeaves))
        {
            Assert.That(e.T0Us, Is.EqualTo(15 * S), $"{e.Kind} of node {e.Subject} starts when it left");
            // A gossip epidemic of digests at a round a second: seconds, neither at once (a push to
            // every live peer would take one latency) nor only after the process stops.
            Assert.That(e.T50Us, Is.GreaterThan(S), $"{e.Kind} of node {e.Subject}");
            Assert.That(e.T100Us, Is.LessThan(15 * S), $"{e.Kind} of node {e.Subject} known everywhere");
        }
        Assert.That(outcome.Samples.Where(s => s.TimeUs >= 35 * S), Is.Not.Empty.And.All.Matches<ViewSample>(s => s.UpNodes == 100 && s.ViewAccuracy == 1.0),
            "every process up, every view right: the running leavers held gone");
        Assert.That((Count(outcome, "fp_declarations"), Count(outcome, "fp_cluster_wide")), Is.EqualTo((0L, 0L)), "removing a node that left is no false death");
        Assert.That(Count(outcome, "requests"), Is.GreaterThan(3000));
        Assert.That(Count(outcome, "request_ok"), Is.EqualTo(Count(outcome, "requests")),
            "no request to a leaver that still runs: the coordinators dropped its tokens, as the true ring did");
    }

    [Test]
    public void Preset_DecommissionCutOff_PeersConvictTheRunningLeaver_NoFalseDeathOfIt()
    {
        // Node 7 leaves at 15 s and is cut off at once, so its LEFT never gets out: its peers
        // convict it by phi, most while its process still runs (until 45 s; seed 1: 93 of the 99
        // marks). It has left; those death marks are right, and the leave is known through them.
        var outcome = Run("60s", "[{at: 15s, leave: {ids: [7]}}, {at: 15s, isolate: {ids: [7]}, for: 40s}]", "    record: {declarations: true}");
        var marks = outcome.Declarations.Where(d => d.Get("subject") == "7").ToList();
        Assert.That(marks, Has.Count.EqualTo(99), "every peer convicts it");
        Assert.That(marks.Count(d => double.Parse(d.Get("t_s")!, CultureInfo.InvariantCulture) < 45.0), Is.GreaterThan(99 / 2), "most while its process runs");
        foreach (var d in marks)
            Assert.That((d.Get("subject_state"), d.Get("false")), Is.EqualTo(("left", "false")), $"mark at {d.Get("t_s")} s");
        // The false deaths are the leaver's own: cut off, it convicts its live peers while it runs.
        var falseMarks = outcome.Declarations.Where(d => d.Get("false") == "true").ToList();
        Assert.That(falseMarks.Select(d => d.Get("observer")).Distinct(), Is.EqualTo(new[] { "7" }));
        Assert.That((Count(outcome, "fp_declarations"), Count(outcome, "fp_partitioned"), Count(outcome, "fp_cluster_wide")), Is.EqualTo(((long)falseMarks.Count, (long)falseMarks.Count, 0L)));
        var leave = outcome.Events.Single(e => e.Kind == "leave");
        Assert.That((leave.Subject, leave.T0Us), Is.EqualTo((7, 15 * S)));
        // Conviction after 8 ln 10 = 18.4 mean intervals of silence, the mean at most MAX_INTERVAL
        // (2 s), judged once a round: at most 37.8 s after it left.
        Assert.That(leave.T100Us, Is.InRange(5 * S, 38 * S), "known by the convictions");
    }

    [Test]
    public void Preset_MoveOfANodeThatLeft_IsSkipped_ItStaysOutOfTheRing()
    {
        // A move names node 7 five seconds into its ring delay: it has left the ring and takes no
        // tokens back (Cassandra moves only a node in the normal state).
        var outcome = Run("44s", "[{at: 15s, leave: {ids: [7]}}, {at: 20s, move: {ids: [7]}}]");
        Assert.That(outcome.Events.Select(e => (e.Kind, e.Subject, e.T0Us / S)), Is.EquivalentTo(new[] { ("leave", 7, 15L), ("ring_leave", 7, 15L) }));
        Assert.That(outcome.Events.All(e => e.Converged), "every peer dropped it");
    }

    [Test]
    public void Preset_ChurnSessionEndingWhileALeaveFaultRuns_TakesTheLeaverNoMore()
    {
        // Weibull sessions of 60 s on average, departures by decommission; 20 nodes also leave by a
        // fault at 5 s and run on until 35 s. A session that ends meanwhile belonged to a process
        // that has left: it departs no second time, so every node leaves at most once.
        var outcome = Run("44s", "[{at: 0s, churn: {model: weibull, shape: 1.0, scale: 60s, departure: leave, exclude: [0, 1, 2]}}, " +
            "{at: 5s, leave: {ids: [" + string.Join(", ", Enumerable.Range(10, 20)) + "]}}]");
        var leaves = outcome.Events.Where(e => e.Kind == "leave").ToList();
        Assert.That(leaves.Select(e => e.Subject), Is.Unique);
        // The fault skips a node the churn already took out before 5 s.
        int byTheFault = leaves.Count(e => e.T0Us == 5 * S);
        Assert.That(byTheFault, Is.InRange(15, 20));
        Assert.That(leaves.Count, Is.EqualTo(byTheFault + Count(outcome, "churn_departures")), "the fault's and the churn's, one leave each");
        Assert.That(Count(outcome, "churn_departures"), Is.GreaterThan(20), "sessions ended");
    }

    [Test]
    public void RingDelay_NegativeOrNotADuration_IsAnErrorNamingTheKey()
    {
        foreach (var value in new[] { "-1s", "soon" })
        {
            var error = ScenarioYaml.Errors(ScenarioYaml.Lines("scenarios:", "  - name: a", $"    protocol: {{preset: cassandra, ring_delay: {value}}}")).Single();
            Assert.That((error.File, error.Line, error.Key), Is.EqualTo((ScenarioYaml.File, 3, "protocol.ring_delay")), value);
        }
    }
}
