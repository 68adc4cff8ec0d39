using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Ring;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// Cassandra's guards of its failure detector (docs/references.md, "Cassandra"): the local pause
/// guard and ECHO before marking a node up, each run with the guard and without it, so a test fails
/// if the guard is lost; and when the arrival window opens (the first state, as Cassandra, or the
/// second, the what-if of <c>report_unknown: false</c>).
/// </summary>
public class CassandraGuardTests
{
    private const long S = 1_000_000;
    private const long LatencyUs = 1_000;

    private static HeartbeatConfig Cassandra(int nodes, HeartbeatExchange exchange = HeartbeatExchange.Digest, long pauseGuardUs = 0,
        bool reportUnknown = true, bool echo = false, bool announceShutdown = false, long quarantineUs = 0) =>
        new(nodes, S, 1, exchange, FailureDetectorSettings.Cassandra(), [], HeartbeatSizes.Defaults(),
            LocalPauseGuardUs: pauseGuardUs, ReportUnknown: reportUnknown, Echo: echo, AnnounceShutdown: announceShutdown, QuarantineUs: quarantineUs);

    [TestCase(true)]
    [TestCase(false)]
    public void LocalPause_FortySeconds_GuardKeepsTheWokenNodeFromConvictingAnyone(bool guard)
    {
        // Node 0 stalls 40 s, longer than the 18.4 mean intervals phi 8 needs (means are at most
        // MAX_INTERVAL, 2 s): on waking every member looks silent for 40 s to it, though all kept gossiping. What is sent to it while it
        // is stalled is lost, so no held reply refreshes its view before its first round on waking.
        var c = new HeartbeatCluster(Cassandra(5, pauseGuardUs: guard ? 5 * S : 0), (_, to, now) =>
            to == 0 && now >= 15 * S && now < 55 * S ? null : LatencyUs);
        c.StartAll();
        c.Simulation.Run(15 * S);
        c.Simulation.PauseNode(0, 1024);
        c.Simulation.Run(55 * S);
        c.Simulation.ResumeNode(0);
        c.Simulation.Run(80 * S);
        int convicted = c.Log.All.Count(e => e.Observer == 0 && e.Kind == ObservationKind.MarkedDead);
        if (guard) Assert.That(convicted, Is.Zero, "the woken node convicts nobody");
        else Assert.That(convicted, Is.EqualTo(4), "without the guard it convicts every member on waking");
        // The others convict the stalled node either way (it was silent to them).
        Assert.That(c.Log.All.Count(e => e.Subject == 0 && e.Kind == ObservationKind.MarkedDead), Is.EqualTo(4));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void JoinedAndDiedAtOnce_OneStateKnown_ConvictedOnlyIfTheFirstStateOpensAWindow(bool reportUnknown)
    {
        // Node 2's first message (a push of its own state) gets out; nothing newer ever does.
        bool sent = false;
        var c = new HeartbeatCluster(Cassandra(3, HeartbeatExchange.Push, reportUnknown: reportUnknown), (from, _, _) =>
        {
            if (from != 2) return LatencyUs;
            if (sent) return null;
            sent = true;
            return LatencyUs;
        });
        c.StartAll();
        c.Simulation.Run(90 * S);
        Assert.That(sent);
        Assert.That(c.Log.All.Count(e => e.Subject == 2 && e.Kind == ObservationKind.MarkedAlive), Is.EqualTo(2), "both learn node 2");
        int convictions = c.Log.All.Count(e => e.Subject == 2 && e.Kind == ObservationKind.MarkedDead);
        if (reportUnknown) Assert.That(convictions, Is.EqualTo(2), "a window from the first state convicts after ~37 s");
        else Assert.That(convictions, Is.Zero, "no window without a second state: phi never judges node 2");
    }

    [Test]
    public void Preset_JoinedAndDiedAtOnce_ConvictedFromTheWindowItsFirstStateOpened()
    {
        // Cassandra's Gossiper.applyStateLocally reports an endpoint it has just learned to the
        // failure detector (FailureDetector.report), so its first state opens the arrival window
        // with INITIAL_VALUE (2 s) and phi convicts it after 8 ln 10 x 2 s = 36.8 s of silence. The
        // endpoint is marked up only when it answers handleMajorStateChange's ECHO (markAlive), and
        // an endpoint never marked up is never convicted (Gossiper.convict skips it). Node 3 gets out
        // what it sends in the 100 ms after its first message (its SYN to a seed, the ACK2 with its
        // state, its answer to the seed's ECHO), then nothing more: every other node holds exactly one
        // state of it, and only those whose ECHO came in that window had an answer.
        long firstSentUs = -1;
        var c = new HeartbeatCluster(PresetConfigs.Cassandra(4), (from, _, now) =>
        {
            if (from != 3) return LatencyUs;
            if (firstSentUs < 0) firstSentUs = now;
            return now < firstSentUs + 100_000 ? LatencyUs : null;
        });
        c.StartAll();
        c.Simulation.Run(90 * S);
        int markedUp = 0;
        for (int observer = 0; observer < 3; observer++)
        {
            Assert.That(c.Node(observer).GenerationOf(3), Is.EqualTo(c.Node(3).Generation), $"node {observer} holds node 3's state");
            var learned = c.Log.First(observer, ObservationKind.MarkedAlive, 3);
            var convicted = c.Log.First(observer, ObservationKind.MarkedDead, 3);
            if (learned is null)
            {
                Assert.That(convicted, Is.Null, $"node {observer} never marked node 3 up, so never convicts it");
                continue;
            }
            markedUp++;
            Assert.That(convicted, Is.Not.Null, $"node {observer} convicts node 3");
            // Silence from the first state to the round that convicts: just over 36.8 s, within one
            // round; the mark up came one ECHO round trip (2 ms) after that state.
            Assert.That(convicted!.TimeUs - learned.TimeUs, Is.InRange(36_841_361L - 2 * LatencyUs, 36_841_361L + S), $"node {observer}'s conviction delay");
        }
        Assert.That(markedUp, Is.GreaterThanOrEqualTo(1), "the seed node 3 gossiped to had its ECHO answered");
    }

    [Test]
    public void SeedNode_ExtraSeedGossip_CountsTheSeedsOtherThanItself()
    {
        // Cassandra's Gossiper.buildSeedsList leaves the node itself out of its seeds, so seed node
        // 0 of seeds {0, 1} has S = 1. With L = 3 live members and none unreachable, a round's gossip
        // goes to node 1 as the live target with P 1/3, and otherwise (maybeGossipToSeed) with
        // P S/(L + U) = 1/3: 1/3 + 2/3 x 1/3 = 5/9 of rounds. Counting node 0 itself, S = 2 would
        // give 1/3 + 2/3 x 2/3 = 7/9. Over 2,000 rounds the binomial standard error is 0.011.
        // The push exchange, so that node 0 sends nothing but a round's gossip (no ACK or ACK2);
        // the targets are chosen alike for either exchange.
        var config = new HeartbeatConfig(4, S, 1, HeartbeatExchange.Push, FailureDetectorSettings.Cassandra(), [0, 1], HeartbeatSizes.Defaults());
        int toSeed = 0;
        var c = new HeartbeatCluster(config, (from, to, now) =>
        {
            if (from == 0 && to == 1 && now >= 20 * S) toSeed++;
            return LatencyUs;
        });
        c.StartAll();
        c.Simulation.Run(20 * S);
        Assert.That(Enumerable.Range(1, 3).All(m => c.Node(0).BeliefOf(m) == MemberBelief.Alive), "node 0 holds 1-3 live by 20 s");
        c.Simulation.Run(2_020 * S);
        Assert.That(toSeed / 2_000.0, Is.InRange(5.0 / 9 - 0.045, 5.0 / 9 + 0.045), "rounds whose gossip goes to node 1");
    }

    [Test]
    public void RestartBeforeConviction_NewGeneration_KeepsTheArrivalWindow()
    {
        // Gossiper.notifyFailureDetector, on a newer generation, clears the endpoint's intervals
        // (FailureDetector.remove) only if it holds the endpoint down; one it holds up keeps its
        // window, and the report adds no interval above MAX_INTERVAL (2 s). Node 2 crashes at 30 s
        // and restarts at 35 s, before anyone convicts it (18.4 mean intervals of at most 2 s): when
        // its new generation reaches node 0, the 5 s gap is ignored and the window is the one it
        // had, not one started anew at INITIAL_VALUE (mean 2,000 ms).
        var c = new HeartbeatCluster(Cassandra(3), (_, _, _) => LatencyUs);
        c.StartAll();
        c.Simulation.Run(30 * S);
        double meanBefore = c.Node(0).ArrivalMeanMs(2);
        long generationBefore = c.Node(0).GenerationOf(2);
        c.Simulation.StopNode(2, NodeStatus.Crashed);
        c.Simulation.Run(35 * S);
        c.Simulation.StartNode(2);
        long t = 35 * S;
        while (c.Node(0).GenerationOf(2) == generationBefore && t < 40 * S) c.Simulation.Run(t += 1_000);
        Assert.That(c.Node(0).GenerationOf(2), Is.GreaterThan(generationBefore), "node 0 has node 2's new generation");
        Assert.That(c.Node(0).BeliefOf(2), Is.Not.EqualTo(MemberBelief.Dead), "node 0 did not convict node 2 meanwhile");
        Assert.That(meanBefore, Is.LessThan(1_500), "a window of ~30 gossip-paced intervals");
        Assert.That(c.Node(0).ArrivalMeanMs(2), Is.EqualTo(meanBefore), "the window is kept through the restart");
    }

    [Test]
    public void RestartBeforeConviction_NewGeneration_MarkedAliveAgain()
    {
        // Gossiper.applyStateLocally hands a newer generation to handleMajorStateChange ("Node has
        // restarted, now UP"), which marks the endpoint alive again (markAlive) even if it was
        // never held down. Node 2 restarts 5 s after a crash, before anyone suspects it: 0 and 1
        // each report its new generation, so the restart is known to them.
        var c = new HeartbeatCluster(Cassandra(3), (_, _, _) => LatencyUs);
        CrashNodeTwoAt30sRestartAt35s(c);
        c.Simulation.Run(45 * S);
        long generation = c.Node(2).Generation;
        for (int observer = 0; observer < 2; observer++)
        {
            var marked = c.Log.First(observer, ObservationKind.MarkedAlive, 2, afterUs: 35 * S);
            Assert.That(marked, Is.Not.Null, $"node {observer} marks node 2 alive again");
            Assert.That(marked!.Value, Is.EqualTo(generation), $"node {observer} reports the new generation");
            Assert.That(c.Log.First(observer, ObservationKind.Suspected, 2), Is.Null, $"node {observer} never suspected node 2");
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void OneWayCut_DeadNodeCannotAnswer_EchoKeepsItDead(bool echo)
    {
        // Node 2 is mute from 10 s to 50 s, so 0 and 1 convict it; from 50 s it reaches node 1 but
        // never node 0 again. Node 1 relays node 2's newer heartbeats to node 0.
        var c = new HeartbeatCluster(Cassandra(3, echo: echo), (from, to, now) =>
            from == 2 && now >= 10 * S && (now < 50 * S || to == 0) ? null : LatencyUs);
        c.StartAll();
        c.Simulation.Run(80 * S);
        for (int observer = 0; observer < 2; observer++)
            Assert.That(c.Log.First(observer, ObservationKind.MarkedDead, 2)?.TimeUs, Is.InRange(10 * S, 50 * S), $"node {observer} convicts node 2");
        var revivedByOne = c.Log.First(1, ObservationKind.MarkedAlive, 2, afterUs: 50 * S);
        Assert.That(revivedByOne, Is.Not.Null, "node 2 answers node 1");
        var revivedByZero = c.Log.First(0, ObservationKind.MarkedAlive, 2, afterUs: 50 * S);
        if (echo) Assert.That(revivedByZero, Is.Null, "node 2 cannot answer node 0's ECHO");
        else Assert.That(revivedByZero, Is.Not.Null, "without ECHO a relayed heartbeat revives it");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void NewMember_EchoRepliesCannotComeBack_NeverMarkedUp(bool echo)
    {
        // Gossiper.applyStateLocally hands an endpoint it has just learned to handleMajorStateChange,
        // whose markAlive sends an ECHO_REQ and marks the endpoint up only on the reply. Nothing node 2
        // sends reaches node 0, so node 0 learns node 2 from node 1 only, and its ECHO goes unanswered:
        // node 2 is never up at node 0, and never convicted there either (Gossiper.convict skips an
        // endpoint not alive). Without ECHO the relayed state marks it up at once.
        var c = new HeartbeatCluster(Cassandra(3, echo: echo), (from, to, _) => from == 2 && to == 0 ? null : LatencyUs);
        c.StartAll();
        c.Simulation.Run(80 * S);
        Assert.That(c.Log.First(1, ObservationKind.MarkedAlive, 2), Is.Not.Null, "node 2 answers node 1");
        Assert.That(c.Node(0).GenerationOf(2), Is.EqualTo(c.Node(2).Generation), "node 0 holds node 2's state, relayed by node 1");
        var markedUp = c.Log.First(0, ObservationKind.MarkedAlive, 2);
        if (echo)
        {
            Assert.That(markedUp, Is.Null, "node 2 cannot answer node 0's ECHO");
            Assert.That(c.Log.First(0, ObservationKind.MarkedDead, 2), Is.Null, "an endpoint never marked up is not convicted");
            Assert.That(c.Node(0).BeliefOf(2), Is.EqualTo(MemberBelief.Pending));
        }
        else Assert.That(markedUp, Is.Not.Null, "without ECHO the relayed state marks it up");
    }

    [Test]
    public void Echo_OverTheInternodeConnection_RandomLossLosesNoRoundTrip()
    {
        // Cassandra's MessagingService carries ECHO_REQ and its reply over TCP: random loss, which
        // loses gossip rounds here, loses no ECHO. 10 nodes at 30% loss: each echoes the 9 others as
        // it learns them, and every ECHO is answered, so every member ends up marked up everywhere.
        // Sent as datagrams, about half the round trips (1 - 0.7²) would be lost.
        var c = new HeartbeatCluster(Cassandra(10, echo: true), (_, _, _) => LatencyUs, loss: 0.3);
        c.StartAll();
        c.Simulation.Run(30 * S);
        long requests = c.Hub.Traffic.MessagesSentByType[HeartbeatMessageType.EchoReq];
        Assert.That(requests, Is.GreaterThanOrEqualTo(90), "every node echoes the 9 others");
        Assert.That(c.Hub.Traffic.MessagesSentByType[HeartbeatMessageType.EchoRsp], Is.EqualTo(requests), "every ECHO answered");
        for (int observer = 0; observer < 10; observer++)
            for (int member = 0; member < 10; member++)
                if (member != observer) Assert.That(c.Node(observer).BeliefOf(member), Is.EqualTo(MemberBelief.Alive), $"{observer} holds {member}");
    }

    /// <summary>Starts the cluster, crashes node 2 at 30 s and restarts it at 35 s, before anyone convicts it.</summary>
    private static void CrashNodeTwoAt30sRestartAt35s(HeartbeatCluster c)
    {
        c.StartAll();
        c.Simulation.Run(30 * S);
        c.Simulation.StopNode(2, NodeStatus.Crashed);
        c.Simulation.Run(35 * S);
        c.Simulation.StartNode(2);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void RestartHeldUp_EchoRepliesCannotComeBack_NewGenerationNeverMarkedUp(bool echo)
    {
        // A restart reaches handleMajorStateChange too ("Node has restarted, now UP"), whose markAlive
        // marks the new state not alive until the ECHO reply. Node 2 restarts 5 s after a crash, before
        // anyone convicts it; from its restart on nothing it sends reaches node 0, which gets its new
        // generation from node 1. With ECHO node 0 never reports the new generation up, nor convicts it.
        var c = new HeartbeatCluster(Cassandra(3, echo: echo), (from, to, now) => from == 2 && to == 0 && now >= 35 * S ? null : LatencyUs);
        CrashNodeTwoAt30sRestartAt35s(c);
        c.Simulation.Run(90 * S);
        Assert.That(c.Node(0).GenerationOf(2), Is.EqualTo(c.Node(2).Generation), "node 0 holds the new generation, relayed by node 1");
        Assert.That(c.Log.First(1, ObservationKind.MarkedAlive, 2, afterUs: 35 * S), Is.Not.Null, "node 1 marks the restart up");
        var markedUp = c.Log.First(0, ObservationKind.MarkedAlive, 2, afterUs: 35 * S);
        if (echo)
        {
            Assert.That(markedUp, Is.Null, "node 2 cannot answer node 0's ECHO");
            Assert.That(c.Log.First(0, ObservationKind.MarkedDead, 2), Is.Null, "the restarted endpoint, not alive, is not convicted");
        }
        else Assert.That(markedUp, Is.Not.Null, "without ECHO the new generation is marked up at once");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void PlainStop_Announced_LiveMembersMarkItDownAtOnce(bool announce)
    {
        // Gossiper.stop of a node not in a LEFT state sends GOSSIP_SHUTDOWN to every live endpoint,
        // and GossipShutdownVerbHandler marks the sender down at once (markAsShutdown: markDead and
        // FailureDetector.forceConviction). Node 3 leaves (no ring: a plain stop) at 30 s: with the
        // announcement 0-2 mark it down one latency later; without it phi needs over 18 mean
        // intervals of silence. Node 3's later gossip, relayed, cannot revive it: it has none.
        var c = new HeartbeatCluster(Cassandra(4, echo: true, announceShutdown: announce), (_, _, _) => LatencyUs);
        c.StartAll();
        c.Simulation.Run(30 * S);
        c.Simulation.LeaveNode(3);
        c.Simulation.Run(90 * S);
        for (int observer = 0; observer < 3; observer++)
        {
            var down = c.Log.First(observer, ObservationKind.MarkedDead, 3);
            Assert.That(down, Is.Not.Null, $"node {observer} marks node 3 down");
            if (announce) Assert.That(down!.TimeUs, Is.EqualTo(30 * S + LatencyUs), $"node {observer} on the announcement");
            else Assert.That(down!.TimeUs, Is.GreaterThan(30 * S + 10 * S), $"node {observer} by its detector");
            Assert.That(c.Log.First(observer, ObservationKind.MarkedAlive, 3, afterUs: 30 * S), Is.Null, $"node {observer} never marks it up again");
        }
    }

    [TestCase(60)]
    [TestCase(0)]
    public void LeftAndBackWithinTheQuarantine_NewGenerationIgnoredUntilItEnds(int quarantineS)
    {
        // StorageService.handleStateLeft excises an endpoint whose STATUS is LEFT, and
        // Gossiper.removeEndpoint quarantines it: for QUARANTINE_DELAY (60 s) applyStateLocally
        // ignores every state about it. Node 3 leaves the ring at 20 s (its LEFT reaches 0-2 one
        // latency later) and starts again at 30 s with a new generation: with the quarantine 0-2
        // take it up only after 80 s (then on its ECHO reply); without it, within seconds.
        var c = new HeartbeatCluster(Cassandra(4, echo: true, quarantineUs: quarantineS * S), (_, _, _) => LatencyUs,
            ring: new RingSettings(4, 1, RingPlacement.Simple, null));
        c.StartAll();
        c.Simulation.Run(20 * S);
        c.Simulation.LeaveNode(3);
        c.Simulation.Run(30 * S);
        for (int observer = 0; observer < 3; observer++)
            Assert.That(c.Node(observer).BeliefOf(3), Is.EqualTo(MemberBelief.Left), $"node {observer} removed node 3");
        c.Simulation.StartNode(3);
        c.Simulation.Run(100 * S);
        for (int observer = 0; observer < 3; observer++)
        {
            var back = c.Log.First(observer, ObservationKind.MarkedAlive, 3, afterUs: 30 * S);
            Assert.That(back, Is.Not.Null, $"node {observer} takes node 3 up again");
            if (quarantineS > 0) Assert.That(back!.TimeUs, Is.InRange(20 * S + LatencyUs + quarantineS * S, 20 * S + quarantineS * S + 3 * S), $"node {observer} after the quarantine");
            else Assert.That(back!.TimeUs, Is.LessThan(40 * S), $"node {observer} within seconds");
        }
    }

    [TestCase("", 0, 0)]
    [TestCase(", local_pause_guard: 0s", 100, int.MaxValue)]
    public void Preset_TwentySecondPauses_NoFalseDeathsByPausedObservers(string overrides, int atLeast, int atMost)
    {
        var spec = ScenarioYaml.Single($$$"""
            scenarios:
              - name: pauses
                nodes: 100
                duration: 70s
                network: {latency: {dist: uniform, min: 1ms, max: 10ms}}
                protocol: {preset: cassandra{{{overrides}}}}
                faults: [{at: 30s, pause: {count: 5, exclude: [0, 1, 2]}, for: 20s}]
            """);
        var row = RunExecutor.Execute(ScenarioCompiler.Compile(spec, 1), timing: false).Row;
        Assert.That(long.Parse(row.Get("fp_by_paused_observer")!), Is.InRange(atLeast, atMost));
    }
}
