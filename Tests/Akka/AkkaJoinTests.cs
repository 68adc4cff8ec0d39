using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Akka;

/// <summary>
/// Akka's join (docs/references.md §3, "Joining"): a node that starts after the initial members
/// asks the seed nodes (0, 1, 2) with InitJoin, sends Join to the first that answers, is added as
/// Joining by it and welcomed with its state; the leader moves it to Up once every up member has
/// seen it, or to WeaklyUp while convergence is held back. A restart is a new incarnation at the
/// same address: its Join downs the old one, and it joins once the old one has been removed.
/// </summary>
public class AkkaJoinTests
{
    private const long S = 1_000_000;
    private const long Step = 10_000;

    private static AkkaNode Node(Simulation sim, int id) => AkkaClusterTests.Node(sim, id);

    private static AkkaConfig Config(int n, int initialMembers) => PresetConfigs.Akka(n) with { InitialMembers = initialMembers };

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Join_IsJoiningUntilTheLeaderMovesItUpOnConvergence_ReportedAliveOnlyOnceUp(ulong seed)
    {
        // leaderActionsOnConvergence moves a joining member to up once every up member has seen the
        // state, so every member held the joiner before the leader (node 0) moved it, and nobody
        // held it up before the leader did. A joining member is not yet one to route to: no member
        // reports it alive while it is joining.
        const int n = 30, joiner = 29, leader = 0;
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1), seed);
        sim.Run(10 * S);
        sim.StartNode(joiner);
        var heldSince = Enumerable.Repeat(-1L, n - 1).ToArray();
        long leaderUpAt = -1, firstUpElsewhere = -1;
        bool aliveWhileJoining = false;
        for (long t = 10 * S + Step; t <= 30 * S; t += Step)
        {
            sim.Run(t);
            for (int i = 0; i < n - 1; i++)
            {
                byte status = Node(sim, i).StatusOf(joiner);
                if (status != AkkaGossip.Unknown && heldSince[i] < 0) heldSince[i] = t;
                if (status == AkkaGossip.Joining && Node(sim, i).BeliefOf(joiner) != MemberBelief.Unknown) aliveWhileJoining = true;
                if (status != AkkaGossip.Up) continue;
                if (i == leader && leaderUpAt < 0) leaderUpAt = t;
                if (i != leader && firstUpElsewhere < 0) firstUpElsewhere = t;
            }
        }
        TestContext.Out.WriteLine($"held by all at {heldSince.Max() / 1e6:F2} s, up at the leader {leaderUpAt / 1e6:F2} s, elsewhere {firstUpElsewhere / 1e6:F2} s");
        Assert.That(leaderUpAt, Is.GreaterThan(10 * S), "the leader moved it up");
        Assert.That(firstUpElsewhere, Is.GreaterThanOrEqualTo(leaderUpAt), "nobody held it up before the leader");
        Assert.That(heldSince.Max(), Is.LessThanOrEqualTo(leaderUpAt), "every member held it joining before it was moved up");
        Assert.That(aliveWhileJoining, Is.False, "reported alive while joining");
        for (int i = 0; i < n - 1; i++) Assert.That(Node(sim, i).BeliefOf(joiner), Is.EqualTo(MemberBelief.Alive), $"node {i} at 30 s");
    }

    [Test]
    public void Join_AsksEverySeed_JoinsTheFirstToAnswer_AndIsWelcomedByIt()
    {
        // JoinSeedNodeProcess sends InitJoin to every seed; each member answers InitJoinAck; the
        // first answer gets the Join, and that seed adds the joiner as Joining and welcomes it with
        // its state; the joiner gossips it back. Before its Welcome it sends nothing else.
        const int n = 30, joiner = 29;
        var latency = new RecordingLatency(joiner);
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1), latency: latency);
        sim.Run(10 * S);
        sim.StartNode(joiner);
        sim.Run(10 * S + 50_000);
        Assert.That(Node(sim, joiner).IsInitialized, "welcomed within a few round trips");
        var traffic = sim.Observations.Traffic;
        long Sent(string type) => traffic.MessagesSentByType[traffic.TypeNames.ToList().IndexOf(type)];
        Assert.That(Sent("init_join"), Is.EqualTo(3), "InitJoin to each seed");
        Assert.That(Sent("init_join_ack"), Is.EqualTo(3), "every seed is a member and answers");
        Assert.That(Sent("init_join_nack"), Is.Zero);
        Assert.That(Sent("join"), Is.EqualTo(1), "one Join");
        Assert.That(Sent("welcome"), Is.EqualTo(1), "one Welcome");
        var sends = latency.SentBy;
        Assert.That(sends.Take(3), Is.EquivalentTo(new[] { 0, 1, 2 }), "InitJoin to the seeds");
        int joined = sends[3];
        Assert.That(joined, Is.AnyOf(0, 1, 2), "the Join went to a seed");
        Assert.That(sends.Skip(4), Has.All.EqualTo(joined), "the state gossiped back to the seed that welcomed it");
        Assert.That(latency.SentTo.Last(), Is.EqualTo(joined), "the Welcome came from that seed");
        Assert.That(Node(sim, joined).StatusOf(joiner), Is.EqualTo(AkkaGossip.Joining), "the seed holds it joining");
        Assert.That(Node(sim, joiner).StatusOf(joiner), Is.EqualTo(AkkaGossip.Joining), "and so does the joiner");
    }

    [Test]
    public void Join_WhileTheSeedsCannotBeReached_AsksAgainEverySeedNodeTimeout_AndJoinsOnceOneAnswers()
    {
        // JoinSeedNodeProcess asks again whenever seed-node-timeout (5 s) passes with no answer:
        // the joiner's messages to the seeds are lost until 22 s, so it asks at 10, 15 and 20 s in
        // vain and at 25 s with success, and is a member from then on.
        const int n = 30, joiner = 29;
        var latency = new RecordingLatency(joiner) { LostToSeeds = true };
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1), latency: latency);
        sim.Run(10 * S);
        sim.StartNode(joiner);
        var traffic = sim.Observations.Traffic;
        int initJoin = traffic.TypeNames.ToList().IndexOf("init_join");
        sim.Run(22 * S);
        latency.LostToSeeds = false;
        sim.Run(24 * S);
        Assert.That(Node(sim, joiner).IsInitialized, Is.False, "not a member while no seed answers");
        Assert.That(traffic.MessagesSentByType[initJoin], Is.EqualTo(9), "InitJoin to the three seeds at 10, 15 and 20 s");
        for (int i = 0; i < n - 1; i++) Assert.That(Node(sim, i).StatusOf(joiner), Is.EqualTo(AkkaGossip.Unknown), $"node {i} at 24 s");
        sim.Run(25 * S + 50_000);
        Assert.That(traffic.MessagesSentByType[initJoin], Is.EqualTo(12), "asked again at 25 s");
        Assert.That(Node(sim, joiner).IsInitialized, "welcomed after the fourth request");
        sim.Run(40 * S);
        for (int i = 0; i < n - 1; i++) Assert.That(Node(sim, i).BeliefOf(joiner), Is.EqualTo(MemberBelief.Alive), $"node {i} at 40 s");
    }

    [TestCase(5, 9)]
    [TestCase(3, 12)]
    public void SeedNodeTimeout_IsHowOftenAJoinerAsksTheSeedsAgain(int timeoutS, int initJoinsBy21S)
    {
        // protocol.seed_node_timeout: with every message to the seeds lost, a joiner started at
        // 10 s asks the three seeds at 10, 15 and 20 s (5 s), or at 10, 13, 16 and 19 s (3 s).
        const int n = 30, joiner = 29;
        var latency = new RecordingLatency(joiner) { LostToSeeds = true };
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1) with { SeedNodeTimeoutUs = timeoutS * S }, latency: latency);
        sim.Run(10 * S);
        sim.StartNode(joiner);
        sim.Run(21 * S);
        var traffic = sim.Observations.Traffic;
        Assert.That(traffic.MessagesSentByType[traffic.TypeNames.ToList().IndexOf("init_join")], Is.EqualTo(initJoinsBy21S));
    }

    [TestCase(null)]
    [TestCase(15L)]
    public void AllowWeaklyUpMembers_OffOrLonger_KeepsAJoinerJoiningWhileConvergenceIsHeldBack(long? weaklyUpAfterS)
    {
        // protocol.allow_weakly_up_members: without downing a crash at 10 s holds convergence back
        // for good from its first unreachable mark (about 14.5 s), so a member joining at 20 s
        // stays Joining unless the leader (node 0) moves it to WeaklyUp: with 15 s, on the 15th
        // leader tick without convergence, 14 to 15 s after the leader first held the crash
        // unreachable; with off, never.
        const int n = 30, victim = 7, joiner = 29, leader = 0;
        var config = Config(n, n - 1) with { Downing = AkkaDowning.None, WeaklyUpAfterUs = weaklyUpAfterS * S };
        var sim = AkkaClusterTests.Cluster(config);
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        long unreachableAt = -1, weaklyUpAt = -1;
        for (long t = 10 * S + Step; t <= 45 * S; t += Step)
        {
            if (t == 20 * S) sim.StartNode(joiner);
            sim.Run(t);
            if (unreachableAt < 0 && Node(sim, leader).BeliefOf(victim) == MemberBelief.Suspect) unreachableAt = t;
            if (weaklyUpAt < 0 && Node(sim, leader).StatusOf(joiner) == AkkaGossip.WeaklyUp) weaklyUpAt = t;
        }
        TestContext.Out.WriteLine($"unreachable at the leader {unreachableAt / 1e6:F2} s, weakly up {weaklyUpAt / 1e6:F2} s");
        Assert.That(unreachableAt, Is.InRange(13 * S, 17 * S), "the crash held unreachable by the leader");
        if (weaklyUpAfterS is not long after)
        {
            Assert.That(weaklyUpAt, Is.EqualTo(-1), "never moved to WeaklyUp");
            for (int i = 0; i < n; i++)
                if (i != victim) Assert.That(Node(sim, i).StatusOf(joiner), Is.EqualTo(AkkaGossip.Joining), $"node {i} at 45 s");
            return;
        }
        Assert.That(weaklyUpAt, Is.InRange(unreachableAt + (after - 1) * S - Step, unreachableAt + after * S + Step), "on the leader's 15th tick without convergence");
    }

    [TestCase(4)]
    [TestCase(0)]
    public void PeriodicTasksInitialDelay_DelaysAJoinersFirstHeartbeatAfterItsWelcome(int delayS)
    {
        // protocol.periodic_tasks_initial_delay: a welcomed node's heartbeat sender starts its
        // periodic tick after the initial delay or one heartbeat interval (1 s), whichever is
        // longer; until its first tick it monitors nobody.
        const int n = 30, joiner = 29;
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1) with { PeriodicTasksInitialDelayUs = delayS * S });
        sim.Run(10 * S);
        sim.StartNode(joiner);
        sim.Run(10 * S + 50_000);
        Assert.That(Node(sim, joiner).IsInitialized, "welcomed within a few round trips");
        long firstTick = 10 * S + Math.Max(delayS, 1) * S;
        sim.Run(firstTick - 100_000);
        Assert.That(Node(sim, joiner).Monitored, Is.Empty, "no heartbeat tick yet");
        sim.Run(firstTick + 100_000);
        Assert.That(Node(sim, joiner).Monitored, Has.Count.EqualTo(9), "heartbeats the 9 after it on the ring");
    }

    [Test]
    public void LeaderActionsInterval_IsTheLeadersTick_OnWhichItMovesJoinersUp()
    {
        // protocol.leader_actions_interval: the leader acts on a tick of this period
        // (ClusterCoreDaemon's LeaderActionsTick), so the joiners it moves to Up, each once the
        // state has converged on it, become Up in its state a whole number of ticks apart. With
        // 5 s ticks and joiners started 10.3 and 20.7 s apart, moved up on different ticks, a 1 s
        // tick would give that by chance only once in 25.
        const int n = 30, leader = 0;
        const long interval = 5 * S;
        int[] joiners = [27, 28, 29];
        long[] startsAt = [10 * S, 20_300_000, 30_700_000];
        var sim = AkkaClusterTests.Cluster(Config(n, n - joiners.Length) with { LeaderActionsIntervalUs = interval });
        var upAt = new long[joiners.Length];
        Array.Fill(upAt, -1);
        sim.Run(10 * S);
        for (long t = 10 * S; t <= 70 * S; t += Step)
        {
            for (int j = 0; j < joiners.Length; j++)
                if (t == startsAt[j]) sim.StartNode(joiners[j]);
            sim.Run(t);
            for (int j = 0; j < joiners.Length; j++)
                if (upAt[j] < 0 && Node(sim, leader).StatusOf(joiners[j]) == AkkaGossip.Up) upAt[j] = t;
        }
        TestContext.Out.WriteLine($"up at the leader: {string.Join(", ", upAt.Select(u => (u / 1e6).ToString("F2")))} s");
        Assert.That(upAt, Has.All.GreaterThan(0), "every joiner moved up");
        Assert.That(upAt, Is.Unique, "each on a tick of its own");
        for (int j = 1; j < joiners.Length; j++)
        {
            long apart = Math.Abs(upAt[j] - upAt[0]) % interval;
            Assert.That(Math.Min(apart, interval - apart), Is.LessThanOrEqualTo(Step), $"joiner {joiners[j]} moved up a whole number of ticks after joiner {joiners[0]}");
        }
    }

    [Test]
    public void JoinWhileAMemberIsUnreachable_WeaklyUpAfterSevenLeaderTicks_UpOnceTheCrashIsDowned()
    {
        // Convergence waits for every unreachable member to be downed: a crash at 10 s is
        // unreachable from about 14.5 s and downed by the leader (node 0) 20 to 21 s later. The
        // leader, without convergence for 7 ticks (allow-weakly-up-members 7 s), moves a member
        // joining at 20 s to WeaklyUp, which cluster routers use: every member holds it alive at
        // 25 s. WeaklyUp does not restart the resolver's stable-after deadline (addWeaklyUp), so
        // the leader still downs the crash by 36 s; then the state converges and the leader moves
        // the joiner to up.
        const int n = 30, victim = 7, joiner = 29;
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1));
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        sim.Run(20 * S);
        sim.StartNode(joiner);
        sim.Run(25 * S);
        for (int i = 0; i < n - 1; i++)
        {
            if (i == victim) continue;
            Assert.That(Node(sim, i).StatusOf(joiner), Is.EqualTo(AkkaGossip.WeaklyUp), $"node {i} at 25 s");
            Assert.That(Node(sim, i).BeliefOf(joiner), Is.EqualTo(MemberBelief.Alive), $"node {i} at 25 s");
            Assert.That(Node(sim, i).BeliefOf(victim), Is.EqualTo(MemberBelief.Suspect), $"node {i} about the crash at 25 s");
        }
        sim.Run(36 * S);
        Assert.That(Node(sim, 0).BeliefOf(victim), Is.EqualTo(MemberBelief.Dead), "the leader about the crash at 36 s");
        sim.Run(50 * S);
        for (int i = 0; i < n; i++)
            if (i != victim) Assert.That(Node(sim, i).StatusOf(joiner), Is.EqualTo(AkkaGossip.Up), $"node {i} at 50 s");
    }

    [Test]
    public void MemberUp_RestartsEveryNodesStableAfterDeadline()
    {
        // SplitBrainResolver.addUp restarts the stable-after deadline (mutateMemberInfo); a member
        // joining does not (addJoining). In a quiet cluster a join at 10 s is the only change, so
        // each member's deadline last restarted when it learned the joiner was up.
        const int n = 30, joiner = 29;
        var sim = AkkaClusterTests.Cluster(Config(n, n - 1));
        sim.Run(10 * S);
        sim.StartNode(joiner);
        var upSince = Enumerable.Repeat(-1L, n - 1).ToArray();
        for (long t = 10 * S + Step; t <= 30 * S; t += Step)
        {
            sim.Run(t);
            for (int i = 0; i < n - 1; i++)
                if (upSince[i] < 0 && Node(sim, i).StatusOf(joiner) == AkkaGossip.Up) upSince[i] = t;
        }
        for (int i = 0; i < n - 1; i++)
            Assert.That(Node(sim, i).StableSinceUs, Is.InRange(upSince[i] - Step, upSince[i]), $"node {i}: up at {upSince[i] / 1e6:F2} s");
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Restart_TheOldIncarnationIsDownedAndRemovedBeforeTheNewJoins_WhichStartsWithAFreshDetector(ulong seed)
    {
        // ClusterCoreDaemon.joining: a Join from a new incarnation of a member marks the old one
        // terminated and downs it at once (well before the detector would mark the crash, about
        // 14.5 s, or the resolver down it), and does not welcome the new one; the leader removes
        // the old one once the state converges, and the new one, retrying after
        // retry-unsuccessful-join-after (10 s), is let in. The heartbeat sender drops the old
        // incarnation's detector and starts afresh for the new one: no member ever marks the new
        // incarnation unreachable.
        const int n = 30, restarted = 7;
        var sim = AkkaClusterTests.Cluster(PresetConfigs.Akka(n), seed);
        sim.Run(10 * S);
        sim.StopNode(restarted, NodeStatus.Crashed);
        sim.Run(12 * S);
        sim.StartNode(restarted);
        const long newIncarnation = 12 * S + 1;
        var others = Enumerable.Range(0, n).Where(i => i != restarted).ToArray();
        long oldDown = -1, oldRemoved = -1, newHeld = -1;
        bool newMarked = false;
        for (long t = 12 * S + Step; t <= 45 * S; t += Step)
        {
            sim.Run(t);
            foreach (int i in others)
            {
                var node = Node(sim, i);
                bool isOld = node.IncarnationOf(restarted) == 0;
                if (isOld && node.StatusOf(restarted) == AkkaGossip.Down && oldDown < 0) oldDown = t;
                if (isOld && node.StatusOf(restarted) == AkkaGossip.Removed && oldRemoved < 0) oldRemoved = t;
                if (node.IncarnationOf(restarted) == newIncarnation)
                {
                    if (newHeld < 0) newHeld = t;
                    newMarked |= node.MarksUnreachable(restarted);
                }
            }
        }
        TestContext.Out.WriteLine($"old down {oldDown / 1e6:F2} s, removed {oldRemoved / 1e6:F2} s, new held {newHeld / 1e6:F2} s");
        Assert.That(oldDown, Is.InRange(12 * S, 12 * S + 100_000), "the seed downs the old incarnation on the Join");
        Assert.That(oldRemoved, Is.GreaterThan(oldDown), "removed after the down");
        Assert.That(newHeld, Is.GreaterThan(oldRemoved), "the new incarnation is a member only after the old one was removed");
        Assert.That(newHeld, Is.GreaterThan(22 * S), "its Join retried after retry-unsuccessful-join-after");
        Assert.That(newMarked, Is.False, "a member marked the new incarnation unreachable");
        foreach (int i in others)
        {
            Assert.That(Node(sim, i).IncarnationOf(restarted), Is.EqualTo(newIncarnation), $"node {i} at 45 s");
            Assert.That(Node(sim, i).BeliefOf(restarted), Is.EqualTo(MemberBelief.Alive), $"node {i} at 45 s");
        }
        var monitors = others.Where(i => Node(sim, i).Monitored.Contains(restarted)).ToList();
        Assert.That(monitors, Has.Count.EqualTo(9), "monitored again");
        foreach (int i in monitors)
        {
            Assert.That(Node(sim, i).MonitoredIncarnation(restarted), Is.EqualTo(newIncarnation), $"node {i}'s detector is the new incarnation's");
            Assert.That(Node(sim, i).HasDetector(restarted), $"node {i}'s detector fed by its answers");
        }
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    public void Restart_TakesANewPlaceOnTheRing_SoItsMonitorsAndReceiversChange(ulong seed)
    {
        // HeartbeatNodeRing sorts unique addresses by the hash of the uid: once the new incarnation
        // has joined, every member places it anew, so other members heartbeat it, and it
        // heartbeats other members, than the old incarnation's. The sets at 45 s are those of its
        // new place (the 9 members before it and the 9 after it), not those of its old one.
        const int n = 30, restarted = 7;
        var sim = AkkaClusterTests.Cluster(PresetConfigs.Akka(n), seed);
        sim.Run(10 * S);
        var others = Enumerable.Range(0, n).Where(i => i != restarted).ToArray();
        List<int> Monitors() => others.Where(i => Node(sim, i).Monitored.Contains(restarted)).Order().ToList();
        List<int> Receivers() => Node(sim, restarted).Monitored.Order().ToList();
        var oldMonitors = Monitors();
        var oldReceivers = Receivers();
        sim.StopNode(restarted, NodeStatus.Crashed);
        sim.Run(12 * S);
        sim.StartNode(restarted);
        sim.Run(45 * S);
        const long newIncarnation = 12 * S + 1;
        var incarnations = new long[n];
        incarnations[restarted] = newIncarnation;
        var ring = AkkaRing.Of(n).For(incarnations);
        List<int> Around(AkkaRing r, int sign) =>
            Enumerable.Range(1, 9).Select(step => r.Order[(r.Position[restarted] + sign * step + n) % n]).Order().ToList();
        Assert.That(oldMonitors, Is.EqualTo(Around(AkkaRing.Of(n), -1)), "the old incarnation's monitors: the 9 before its place");
        Assert.That(oldReceivers, Is.EqualTo(Around(AkkaRing.Of(n), 1)), "the old incarnation's receivers: the 9 after its place");
        foreach (int i in others) Assert.That(Node(sim, i).IncarnationOf(restarted), Is.EqualTo(newIncarnation), $"node {i} holds the new incarnation");
        Assert.That(Monitors(), Is.EqualTo(Around(ring, -1)), "the new incarnation's monitors: the 9 before its new place");
        Assert.That(Receivers(), Is.EqualTo(Around(ring, 1)), "the new incarnation's receivers: the 9 after its new place");
        Assert.That(Monitors(), Is.Not.EqualTo(oldMonitors), "monitored by others than before");
        Assert.That(Receivers(), Is.Not.EqualTo(oldReceivers), "monitors others than before");
    }

    [Test]
    public void RetryUnsuccessfulJoinAfter_Off_ARestartWhoseFirstJoinWasRefusedNeverJoins()
    {
        // protocol.retry_unsuccessful_join_after off: the restarted node's one Join downs the old
        // incarnation and is not answered, and without a retry (tryingToJoin has no deadline) the
        // new incarnation waits for a Welcome for ever, though the old one is removed (the same
        // restart joins at about 23 s with the 10 s default).
        const int n = 30, restarted = 7;
        var sim = AkkaClusterTests.Cluster(PresetConfigs.Akka(n) with { RetryUnsuccessfulJoinAfterUs = null });
        sim.Run(10 * S);
        sim.StopNode(restarted, NodeStatus.Crashed);
        sim.Run(12 * S);
        sim.StartNode(restarted);
        sim.Run(60 * S);
        Assert.That(Node(sim, restarted).IsInitialized, Is.False, "never welcomed");
        for (int i = 0; i < n; i++)
        {
            if (i == restarted) continue;
            Assert.That(Node(sim, i).StatusOf(restarted), Is.EqualTo(AkkaGossip.Removed), $"node {i}: the old incarnation removed");
            Assert.That(Node(sim, i).IncarnationOf(restarted), Is.Zero, $"node {i}: the new incarnation never let in");
        }
    }

    [Test]
    public void Restart_TheNewProcessesAnswers_DoNotFeedTheOldIncarnationsDetector()
    {
        // ClusterHeartbeatSenderState.heartbeatRsp takes answers from its receivers' unique
        // addresses only: a restarted process answers heartbeats with its new uid, so the old
        // incarnation's monitors still mark it unreachable. Here the restarted node's messages to
        // the seeds are lost, so its Join never downs the old incarnation; none of the seeds
        // monitors it, and the other monitors hear its answers but mark it all the same.
        const int n = 30;
        var ring = AkkaRing.Of(n);
        int restarted = Enumerable.Range(3, n - 3).First(v =>
            Enumerable.Range(1, 9).All(step => ring.Order[(ring.Position[v] - step + n) % n] > 2));
        var latency = new RecordingLatency(restarted) { LostToSeeds = true };
        var sim = AkkaClusterTests.Cluster(PresetConfigs.Akka(n), latency: latency);
        sim.Run(10 * S);
        sim.StopNode(restarted, NodeStatus.Crashed);
        sim.Run(11 * S);
        sim.StartNode(restarted);
        sim.Run(20 * S);
        for (int i = 0; i < n; i++)
        {
            if (i == restarted) continue;
            Assert.That(Node(sim, i).IncarnationOf(restarted), Is.Zero, $"node {i} holds the old incarnation");
            Assert.That(Node(sim, i).BeliefOf(restarted), Is.EqualTo(MemberBelief.Suspect), $"node {i} holds it unreachable");
        }
    }

    [Test]
    public void Restart_AMonitorThatMissedTheOldIncarnationsRemoval_StartsAFreshDetectorForTheNewOne()
    {
        // A monitor that learns of the new incarnation without having seen the old one removed
        // still drops the old one's detector (ClusterHeartbeatSenderState.removeMember) and
        // heartbeats the new one afresh. Every message to monitor m is held from when it holds the
        // old incarnation downed until 25 s, and then delivered at once, so it goes from the old
        // incarnation downed to the new one joined in one instant. An acceptable heartbeat pause
        // of 30 s keeps m's held answers from marking anyone.
        const int n = 30, restarted = 7;
        var ring = AkkaRing.Of(n);
        int m = Enumerable.Range(1, 9).Select(step => ring.Order[(ring.Position[restarted] - step + n) % n]).First(i => i > 2);
        var latency = new HoldingLatency(m);
        var config = PresetConfigs.Akka(n);
        var sim = AkkaClusterTests.Cluster(config with { Detector = config.Detector with { AcceptablePauseUs = 30 * S } }, latency: latency);
        latency.Now = () => sim.NowUs;
        sim.Run(10 * S);
        sim.StopNode(restarted, NodeStatus.Crashed);
        sim.Run(12 * S);
        sim.StartNode(restarted);
        while (Node(sim, m).StatusOf(restarted) != AkkaGossip.Down) sim.Run(sim.NowUs + 1_000);
        latency.HoldUntilUs = 25 * S;
        sim.Run(25 * S - 1);
        const long newIncarnation = 12 * S + 1;
        Assert.That(Node(sim, m).IncarnationOf(restarted), Is.Zero, "m still holds the old incarnation downed");
        Assert.That(Enumerable.Range(0, n).Any(i => i != m && i != restarted && Node(sim, i).IncarnationOf(restarted) == newIncarnation), "the new one has joined");
        Assert.That(Node(sim, m).MonitoredIncarnation(restarted), Is.Zero, "m's detector is the old one's");
        sim.Run(27 * S);
        Assert.That(Node(sim, m).IncarnationOf(restarted), Is.EqualTo(newIncarnation), "m holds the new incarnation");
        Assert.That(Node(sim, m).MonitoredIncarnation(restarted), Is.EqualTo(newIncarnation), "m's detector is the new one's");
        Assert.That(Node(sim, m).HasDetector(restarted), "fed by the new incarnation's answers");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void FirstSeedRestart_JoinsThroughTheOtherSeeds_OrFormsAClusterOfItsOwnIfNoneAnswers(bool otherSeedsLost)
    {
        // FirstSeedNodeProcess: node 0, the first seed, restarted after its old incarnation was
        // downed (about 34.5 s) and removed, asks seeds 1 and 2; they answer, and it joins the
        // cluster. If its messages to them are lost it asks every second until seed-node-timeout
        // (5 s) and then joins itself: a cluster of one, which the others never see.
        const int n = 30;
        var latency = new RecordingLatency(0) { LostToSeeds = otherSeedsLost };
        var sim = AkkaClusterTests.Cluster(PresetConfigs.Akka(n), latency: latency);
        sim.Run(10 * S);
        sim.StopNode(0, NodeStatus.Crashed);
        sim.Run(50 * S);
        Assert.That(Node(sim, 1).StatusOf(0), Is.EqualTo(AkkaGossip.Removed), "the old incarnation removed");
        sim.StartNode(0);
        sim.Run(54 * S + 900_000);
        Assert.That(Node(sim, 0).IsInitialized, Is.EqualTo(!otherSeedsLost), "a member within a second if a seed answers");
        sim.Run(70 * S);
        Assert.That(Node(sim, 0).StatusOf(0), Is.EqualTo(AkkaGossip.Up), "up");
        for (int i = 1; i < n; i++)
        {
            Assert.That(Node(sim, i).BeliefOf(0), Is.EqualTo(otherSeedsLost ? MemberBelief.Removed : MemberBelief.Alive), $"node {i} about node 0");
            Assert.That(Node(sim, 0).StatusOf(i), Is.EqualTo(otherSeedsLost ? AkkaGossip.Unknown : AkkaGossip.Up), $"node 0 about node {i}");
        }
    }

    /// <summary>
    /// 2 ms links; records in order the receivers of one node's messages and the senders of those
    /// sent to it; while <see cref="LostToSeeds"/>, that node's messages to the seeds (0, 1, 2) are lost.
    /// </summary>
    private sealed class RecordingLatency(int node) : LatencyModel
    {
        public bool LostToSeeds { get; set; }

        public List<int> SentBy { get; } = new();

        public List<int> SentTo { get; } = new();

        public override long SampleUs(int from, int to)
        {
            if (from == node) SentBy.Add(to);
            if (to == node) SentTo.Add(from);
            return LostToSeeds && from == node && to <= 2 ? long.MaxValue / 4 : 2_000;
        }

        public override long QuantileUs(double u) => 2_000;

        public override double MeanUs => 2_000;
    }

    /// <summary>2 ms links; every message to one node sent before <see cref="HoldUntilUs"/> arrives then, in the order sent.</summary>
    private sealed class HoldingLatency(int node) : LatencyModel
    {
        public Func<long> Now { get; set; } = () => 0;

        public long HoldUntilUs { get; set; }

        public override long SampleUs(int from, int to)
        {
            long now = Now();
            return to == node && now < HoldUntilUs ? HoldUntilUs - now : 2_000;
        }

        public override long QuantileUs(double u) => 2_000;

        public override double MeanUs => 2_000;
    }
}
