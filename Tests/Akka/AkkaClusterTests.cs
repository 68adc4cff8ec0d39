using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Akka;

/// <summary>
/// Akka cluster membership (docs/references.md §3): the heartbeat ring, unreachability spread by
/// gossip, and keep-majority downing after stable-after.
/// </summary>
public class AkkaClusterTests
{
    private const long S = 1_000_000;

    /// <summary>
    /// A running cluster of the config's initial members on 2 ms links without loss (or the latency
    /// model given), the other ids not started (AkkaLeaveTests and AkkaJoinTests too).
    /// </summary>
    internal static Simulation Cluster(AkkaConfig config, ulong seed = 1, LatencyModel? latency = null)
    {
        var streams = new RandomStreams(seed);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), latency ?? new ConstantLatency(2_000), 0);
        var hub = new ObservationHub(config.NodeCount, config.MessageTypes);
        var sim = new Simulation(config.NodeCount, streams, network, hub, config.NodeFactory());
        for (int i = 0; i < config.InitialMembers; i++) sim.StartNode(i);
        return sim;
    }

    internal static AkkaNode Node(Simulation sim, int id) => (AkkaNode)sim.NodeAt(id)!;

    /// <summary><paramref name="n"/> nodes without downing, node <paramref name="victim"/> crashed at 10 s, run to 40 s; the nodes that heartbeat it.</summary>
    private static (Simulation Sim, List<int> Monitors) CrashWithoutDowning(int n, int victim)
    {
        var sim = Cluster(PresetConfigs.Akka(n) with { Downing = AkkaDowning.None });
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        sim.Run(40 * S);
        var monitors = Enumerable.Range(0, n).Where(i => i != victim && Node(sim, i).Monitored.Contains(victim)).ToList();
        Assert.That(monitors, Has.Count.EqualTo(9), "monitored-by-nr-of-members");
        return (sim, monitors);
    }

    [Test]
    public void Crash_OnlyItsRingMonitorsMarkIt_EveryoneElseLearnsByGossip_NoDowningWithoutAProvider()
    {
        const int n = 50, victim = 7;
        var (sim, monitors) = CrashWithoutDowning(n, victim);
        var marking = Enumerable.Range(0, n).Where(i => i != victim && Node(sim, i).MarksUnreachable(victim)).ToList();
        Assert.That(marking, Is.EqualTo(monitors), "only the monitors' own rows mark it");
        for (int i = 0; i < n; i++)
            if (i != victim) Assert.That(Node(sim, i).BeliefOf(victim), Is.EqualTo(MemberBelief.Suspect), $"node {i} holds it unreachable");
    }

    [Test]
    public void Crash_ItsMonitorsKeepItAndStillWatchNineReachableMembers()
    {
        // HeartbeatNodeRing.receivers (take): an unreachable member met on the ring is taken but
        // not counted toward monitored-by, so each of the crashed node's 9 monitors heartbeats it
        // and the next 9 reachable members after it, 10 receivers in all.
        const int n = 50, victim = 7;
        var (sim, monitors) = CrashWithoutDowning(n, victim);
        foreach (int i in monitors)
            Assert.That(Node(sim, i).Monitored.Where(m => m != victim).ToList(), Has.Count.EqualTo(9), $"node {i}: reachable receivers");
    }

    [TestCase("keep-majority")]
    [TestCase("none")]
    public void Crash_FirstUnreachableWithinFourToSixAndAHalfSeconds_DownOnlyWithTheResolver(string downing)
    {
        var spec = ScenarioYaml.Single($$$"""
            scenarios:
              - name: crash
                nodes: 100
                duration: 50s
                network: {latency: {dist: uniform, min: 1ms, max: 10ms}}
                protocol: {preset: akka, downing: {{{downing}}}}
                faults: [{at: 10s, crash: {count: 1, exclude: [0, 1, 2]}}]
            """);
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var row = RunExecutor.Execute(ScenarioCompiler.Compile(spec, seed), timing: false).Row;
            double unreachable = double.Parse(row.Get("detect_first_suspect_s")!, System.Globalization.CultureInfo.InvariantCulture);
            // φ = 8 at about 4.5 s of silence (σ at its 100 ms floor, 3 s acceptable pause), less
            // up to one heartbeat interval of the last answer's age, plus up to one reaper tick.
            Assert.That(unreachable, Is.InRange(4.0, 6.5), $"seed {seed}: first unreachable mark");
            string? down = row.Get("detect_first_s");
            if (downing == "none") Assert.That(down, Is.Empty.Or.EqualTo("NaN").Or.Null, $"seed {seed}: nobody downs");
            else
                Assert.That(double.Parse(down!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(unreachable + 20, unreachable + 25),
                    $"seed {seed}: downed once stable for 20 s");
            Assert.That(row.Get("fp_declarations"), Is.EqualTo("0"), $"seed {seed}: no false deaths");
        }
    }

    [Test]
    public void Partition_KeepMajority_TheMajorityDownsAndRemovesTheMinority_WhichShutsDown()
    {
        // Each side's leader runs keep-majority: the majority's downs the 7 unreachable members, the
        // minority's downs its own side (the smaller one). The minority's members learn they are
        // downed and shut down (shutdownSelfWhenDown); the majority converges, since unreachable
        // downed members do not hold it back, and its leader removes them.
        const int n = 20;
        var config = PresetConfigs.Akka(n);
        var streams = new RandomStreams(3);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(2_000), 0);
        var hub = new ObservationHub(n, config.MessageTypes);
        var sim = new Simulation(n, streams, network, hub, config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        sim.Run(10 * S);
        int[] minority = [13, 14, 15, 16, 17, 18, 19];
        network.EnableLinkFaults(n).Partition(minority, LinkDirection.Both);
        sim.Run(60 * S);
        for (int i = 0; i < 13; i++)
            foreach (int m in minority)
                Assert.That(Node(sim, i).BeliefOf(m), Is.EqualTo(MemberBelief.Removed), $"node {i} holds {m} removed");
        foreach (int m in minority) Assert.That(sim.Status[m], Is.EqualTo(NodeStatus.Exited), $"node {m} has shut down");
        // The majority keeps itself: no member of it is downed by any member of it.
        for (int i = 0; i < 13; i++)
            for (int j = 0; j < 13; j++)
                if (i != j) Assert.That(Node(sim, i).BeliefOf(j), Is.EqualTo(MemberBelief.Alive), $"node {i} about {j}");
    }

    [Test]
    public void Partition_TheMinorityStaysOutAfterTheHeal_UntilARestartFaultStartsIt()
    {
        // A downed member that shut down does not come back by itself when the cut heals (Akka's
        // coordinated shutdown ends the actor system); an operator's restart starts it as a new
        // incarnation, which joins through the seeds and is up in every view.
        const int n = 20;
        var config = PresetConfigs.Akka(n);
        var streams = new RandomStreams(3);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(2_000), 0);
        var sim = new Simulation(n, streams, network, new ObservationHub(n, config.MessageTypes), config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        sim.Run(10 * S);
        int[] minority = [13, 14, 15, 16, 17, 18, 19];
        var faults = network.EnableLinkFaults(n);
        faults.Partition(minority, LinkDirection.Both);
        sim.Run(60 * S);
        faults.Clear();
        sim.Run(80 * S);
        foreach (int m in minority) Assert.That(sim.Status[m], Is.EqualTo(NodeStatus.Exited), $"node {m} 20 s after the heal");
        new RestartFault(80 * S).Apply(new FaultTimeline(sim, []));
        sim.Run(100 * S);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) Assert.That(Node(sim, i).BeliefOf(j), Is.EqualTo(MemberBelief.Alive), $"node {i} about {j} after the restart");
    }

    [Test]
    public void OneObserverCannotHearANode_OthersStillGossipToIt()
    {
        // Akka's gossip target (GossipTargetSelector.localDcGossipTargets with
        // MembershipState.validNodeForGossip) is any member other than self that self's own row of
        // the reachability table does not mark: a member another observer marks unreachable is
        // still gossiped to. Node x's messages to m, the monitor just before it on the ring, are
        // lost, so m marks x unreachable and every view holds x unreachable. The 11 nodes that
        // neither monitor x nor are monitored by it send x nothing but gossip; each picks x with
        // P 1/29 a second (29 other members, none marked by itself), so over 200 s about
        // 11 x 200 / 29 = 75.9 (Poisson, sd 8.7), plus the rare answer to x's own gossip.
        const int n = 30, x = 5;
        var ring = AkkaRing.Of(n);
        int Around(int step) => ring.Order[(ring.Position[x] + step + n) % n];
        int m = Around(-1);
        var near = Enumerable.Range(-9, 19).Select(Around).ToHashSet();
        var quiet = Enumerable.Range(0, n).Where(i => !near.Contains(i)).ToHashSet();
        Assert.That(quiet, Has.Count.EqualTo(11));
        var latency = new CountingLatency(from => from == x ? m : -1, (from, to) => to == x && quiet.Contains(from));
        var config = PresetConfigs.Akka(n) with { Downing = AkkaDowning.None };
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), latency, 0);
        var sim = new Simulation(n, streams, network, new ObservationHub(n, config.MessageTypes), config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        sim.Run(30 * S);
        Assert.That(Node(sim, m).MarksUnreachable(x), "m marks x");
        Assert.That(quiet.All(q => Node(sim, q).BeliefOf(x) == MemberBelief.Suspect), "every quiet node holds x unreachable");
        latency.Counted = 0;
        sim.Run(230 * S);
        Assert.That(latency.Counted, Is.InRange(50, 110), "gossip from the quiet nodes to x in 200 s");
    }

    [Test]
    public void UnstableReachability_EveryNodeDownsAll_StableAfterPlusDownAllWhenUnstable()
    {
        // SplitBrainResolver.tick with down-all-when-unstable on (reference.conf): max(4 s, 3/4 of
        // stable-after 20 s) = 15 s. A crash at 10 s is marked from about 14 s; node x's messages
        // are lost for 6 s of every 12 from 12 s, so x is marked and unmarked every few seconds,
        // never 20 s apart: keep-majority never decides, and the crash stays unreachable, so the
        // instability clock is never reset. Every node downs all members once its first change is
        // more than 35 s old: not before 49 s, and by 14 + 35 + 1 s tick + a few seconds of
        // gossip for the last node to hear of the crash; then each shuts down within 4 leader ticks.
        const int n = 30, crashed = 7, x = 11;
        var flapping = new FlappingLatency(x);
        var config = PresetConfigs.Akka(n);
        var streams = new RandomStreams(2);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), flapping, 0);
        var sim = new Simulation(n, streams, network, new ObservationHub(n, config.MessageTypes), config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        sim.Run(10 * S);
        sim.StopNode(crashed, NodeStatus.Crashed);
        for (long t = 12 * S; t < 60 * S; t += 6 * S)
        {
            flapping.Cut = (t - 12 * S) / (6 * S) % 2 == 0;
            sim.Run(t + 6 * S);
            if (t + 6 * S == 48 * S)
                for (int i = 0; i < n; i++)
                    if (i != crashed) Assert.That(Node(sim, i).BeliefOf(crashed), Is.EqualTo(MemberBelief.Suspect), $"node {i} at 48 s: nobody downed yet");
        }
        // Every node downed itself with the rest, so every process has shut down (shutdownSelfWhenDown).
        for (int i = 0; i < n; i++)
            if (i != crashed) Assert.That(sim.Status[i], Is.EqualTo(NodeStatus.Exited), $"node {i} at 60 s");
    }

    [TestCase(2L, false)]
    [TestCase(3600L, true)]
    public void GossipTimeToLive_ASlowNodeIgnoresGossipThatWaitedLongerInItsQueue(long timeToLiveS, bool learnsTheJoin)
    {
        // gossip-time-to-live (2 s): node 20, slow from 10 s (200 ms a message, about four times
        // more work than it can do), queues every message longer and longer; gossip that waited
        // more than 2 s before its turn is ignored (GossipEnvelope's deadline passed), so a join at
        // 12 s never reaches it, though it reads the gossip that carries the join 20 s later. With a
        // time-to-live of an hour it merges that gossip late and holds the joiner.
        const int n = 30, slow = 20, joiner = 29;
        var config = PresetConfigs.Akka(n) with { InitialMembers = n - 1, GossipTimeToLiveUs = timeToLiveS * S };
        var sim = Cluster(config);
        sim.Run(10 * S);
        sim.SlowNode(slow, 200_000, 1024);
        sim.Run(12 * S);
        sim.StartNode(joiner);
        sim.Run(40 * S);
        for (int i = 0; i < n - 1; i++)
            if (i != slow) Assert.That(Node(sim, i).StatusOf(joiner), Is.Not.EqualTo(AkkaGossip.Unknown), $"node {i} holds the joiner");
        Assert.That(Node(sim, slow).StatusOf(joiner) != AkkaGossip.Unknown, Is.EqualTo(learnsTheJoin), "the slow node holds the joiner");
    }

    /// <summary>A started cluster in which node <paramref name="x"/>'s messages to m, its monitor just before it on the ring, are lost.</summary>
    private static (Simulation Sim, int M) MonitorCannotHear(AkkaConfig config, int x)
    {
        int n = config.NodeCount;
        var ring = AkkaRing.Of(n);
        int m = ring.Order[(ring.Position[x] - 1 + n) % n];
        var latency = new CountingLatency(from => from == x ? m : -1, (_, _) => false);
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), latency, 0);
        var sim = new Simulation(n, streams, network, new ObservationHub(n, config.MessageTypes), config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        return (sim, m);
    }

    [Test]
    public void IndirectlyConnected_BothEndsOfTheRecordAreDowned()
    {
        // DowningStrategy.indirectlyConnected: node x's messages to m, the monitor just before it
        // on the ring, are lost, so m marks x unreachable while x still receives the gossip and
        // has seen it. The record m -> x is indirectly connected, and KeepMajority.decide downs
        // both its ends (DownIndirectlyConnected), not x alone as the majority rule would.
        const int n = 30, x = 5;
        var (sim, m) = MonitorCannotHear(PresetConfigs.Akka(n), x);
        sim.Run(60 * S);
        for (int i = 0; i < n; i++)
        {
            if (i == x || i == m) continue;
            Assert.That(Node(sim, i).BeliefOf(x), Is.EqualTo(MemberBelief.Dead).Or.EqualTo(MemberBelief.Removed), $"node {i} holds x downed");
            Assert.That(Node(sim, i).BeliefOf(m), Is.EqualTo(MemberBelief.Dead).Or.EqualTo(MemberBelief.Removed), $"node {i} holds m downed");
            for (int j = 0; j < n; j++)
                if (j != i && j != x && j != m) Assert.That(Node(sim, i).BeliefOf(j), Is.EqualTo(MemberBelief.Alive), $"node {i} about {j}");
        }
    }

    [Test]
    public void DownedLiveMembers_LearnItByGossip_AndShutDown()
    {
        // The leader downs x and m, both alive and reachable by most members: its STONITH gossip,
        // and the gossip rounds that still take downed members as targets, tell them; each shuts
        // down once the other downed member has seen the state or is marked (shutdownSelfWhenDown),
        // its monitors then mark it, and the leader removes it.
        const int n = 30, x = 5;
        var (sim, m) = MonitorCannotHear(PresetConfigs.Akka(n), x);
        sim.Run(70 * S);
        Assert.That(sim.Status[x], Is.EqualTo(NodeStatus.Exited), "x has shut down");
        Assert.That(sim.Status[m], Is.EqualTo(NodeStatus.Exited), "m has shut down");
        for (int i = 0; i < n; i++)
        {
            if (i == x || i == m) continue;
            Assert.That(Node(sim, i).BeliefOf(x), Is.EqualTo(MemberBelief.Removed), $"node {i} about x");
            Assert.That(Node(sim, i).BeliefOf(m), Is.EqualTo(MemberBelief.Removed), $"node {i} about m");
        }
    }

    [Test]
    public void SpeedupRounds_RunWhileAMemberIsDown()
    {
        // isGossipSpeedupNeeded holds while a member is Down, so every node gossips at 1/3 and 2/3
        // of the interval as well as on it: 3 rounds in every second, each sending one message or
        // more. Here m, downed with x, has shut down and waits for its monitors to mark it before
        // the leader can remove it. In each whole second whose start every other node already
        // held m downed a second before (so that the speed-up rounds of its last tick count too),
        // and until it is removed, the cluster sends at least 3 gossip or status messages per
        // other node. With the seen test alone, 4 of those 6 seconds had fewer (48 to 67 from 28
        // nodes).
        const int n = 30, x = 5;
        var (sim, m) = MonitorCannotHear(PresetConfigs.Akka(n), x);
        var names = sim.Observations.Traffic.TypeNames.ToList();
        int gossip = names.IndexOf("gossip"), status = names.IndexOf("gossip_status");
        long Sent() => sim.Observations.Traffic.MessagesSentByType[gossip] + sim.Observations.Traffic.MessagesSentByType[status];
        int[] others = Enumerable.Range(0, n).Where(i => i != x && i != m).ToArray();
        bool MDownEverywhere() => others.All(i => Node(sim, i).BeliefOf(m) == MemberBelief.Dead);
        var perSecond = new List<long>();
        long last = 0;
        int heldFor = 0;
        for (long t = 20; t <= 70; t++)
        {
            sim.Run(t * S);
            long sent = Sent();
            heldFor = MDownEverywhere() ? heldFor + 1 : 0;
            if (heldFor >= 3) perSecond.Add(sent - last);
            last = sent;
        }
        Assert.That(perSecond, Has.Count.GreaterThanOrEqualTo(2), "m is down, not removed, long enough");
        Assert.That(perSecond, Has.All.GreaterThanOrEqualTo(3 * others.Length), string.Join(" ", perSecond));
    }

    [Test]
    public void Crash_DownedByTheResolver_IsRemovedFromEveryViewOnceConverged()
    {
        // leaderActionsOnConvergence: a crash at 10 s is unreachable from about 14.5 s and downed
        // at about 34.5 s; unreachable downed members do not hold convergence back, so once every
        // up member has seen the down the leader removes it on its next tick, and gossip spreads
        // the removal. By 45 s every live view holds it removed.
        const int n = 30, victim = 7;
        var sim = Cluster(PresetConfigs.Akka(n));
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        sim.Run(45 * S);
        for (int i = 0; i < n; i++)
            if (i != victim) Assert.That(Node(sim, i).BeliefOf(victim), Is.EqualTo(MemberBelief.Removed), $"node {i}");
    }

    [Test]
    public void PausedMember_DownedWhilePaused_ShutsDownOnceItResumesAndHearsIt()
    {
        // A member paused from 10 s is unreachable from about 14.5 s and downed at about 34.5 s.
        // The gossip held for it while paused says so: when it resumes at 45 s it learns it is
        // downed, every downed member (itself) is marked, so it shuts down at once.
        const int n = 30, x = 5;
        var sim = Cluster(PresetConfigs.Akka(n));
        sim.Run(10 * S);
        sim.PauseNode(x, 10_000);
        sim.Run(45 * S);
        for (int i = 0; i < n; i++)
            if (i != x) Assert.That(Node(sim, i).BeliefOf(x), Is.EqualTo(MemberBelief.Dead).Or.EqualTo(MemberBelief.Removed), $"node {i} holds x downed");
        sim.ResumeNode(x);
        Assert.That(sim.Status[x], Is.EqualTo(NodeStatus.Exited), "x shut down on hearing it was downed");
    }

    [Test]
    public void Leader_SelfCountsAsReachableToItself()
    {
        // MembershipState.leaderOf: the lowest member that is reachable in the table, or self.
        // Node 0's messages to m, the monitor just before it on the ring, are lost, so m marks it
        // and every view, node 0's own included, holds node 0 unreachable: the others take node 1
        // as leader, node 0 still takes itself.
        const int n = 30, x = 0;
        var (sim, m) = MonitorCannotHear(PresetConfigs.Akka(n) with { Downing = AkkaDowning.None }, x);
        sim.Run(30 * S);
        Assert.That(Node(sim, 1).BeliefOf(x), Is.EqualTo(MemberBelief.Suspect), "node 0 is unreachable");
        Assert.That(Node(sim, x).Leader, Is.EqualTo(x), "node 0's leader");
        for (int i = 1; i < n; i++) Assert.That(Node(sim, i).Leader, Is.EqualTo(1), $"node {i}'s leader");
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    [TestCase(4UL)]
    [TestCase(5UL)]
    public void Resolver_TicksEverySecond_WhateverTheGossipInterval(ulong seed)
    {
        // SplitBrainResolver's tick is a timer of its own, every second (tickInterval). With gossip
        // every 5 s, the leader (node 0) still downs the crashed node within a second of its
        // stable-after deadline: 20 to 21 s after the crash became unreachable in its view (the
        // only change there), watched every 10 ms.
        const int n = 30, victim = 7;
        var sim = Cluster(PresetConfigs.Akka(n) with { GossipIntervalUs = 5 * S }, seed);
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        double unreachableAt = double.NaN, downAt = double.NaN;
        for (long t = 10 * S; t <= 90 * S && double.IsNaN(downAt); t += 10_000)
        {
            sim.Run(t);
            var belief = Node(sim, 0).BeliefOf(victim);
            if (belief == MemberBelief.Suspect && double.IsNaN(unreachableAt)) unreachableAt = t / (double)S;
            if (belief == MemberBelief.Dead) downAt = t / (double)S;
        }
        Assert.That(downAt - unreachableAt, Is.InRange(20.0, 21.02), $"unreachable at {unreachableAt} s, down at {downAt} s");
    }

    [Test]
    public void FlappingReceiver_NoHealthyMemberMarkedByAStaleDetector()
    {
        // ClusterHeartbeatSenderState.membershipChange: a receiver that leaves the set while
        // available has its detector removed, so if it comes back it starts afresh. Node r's
        // messages are lost for 8 s of every 20: each time, its monitors mark it and take one more
        // receiver (HeartbeatNodeRing.receivers), which they drop again once r answers. That extra
        // receiver, answering all along, must never be marked when it comes back 20 s later.
        const int n = 30, r = 11;
        var flapping = new FlappingLatency(r);
        var config = PresetConfigs.Akka(n) with { Downing = AkkaDowning.None };
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), flapping, 0);
        var sim = new Simulation(n, streams, network, new ObservationHub(n, config.MessageTypes), config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        int rMarked = 0;
        for (long t = 10 * S; t < 100 * S; t += 100_000)
        {
            flapping.Cut = (t - 10 * S) % (20 * S) < 8 * S;
            sim.Run(t + 100_000);
            for (int i = 0; i < n; i++)
            {
                if (i == r) continue;
                for (int j = 0; j < n; j++)
                    if (j != r) Assert.That(Node(sim, i).MarksUnreachable(j), Is.False, $"at {t / (double)S} s node {i} marks healthy {j}");
                if (Node(sim, i).MarksUnreachable(r)) rMarked++;
            }
        }
        Assert.That(rMarked, Is.GreaterThan(0), "r's monitors mark it while it is cut");
    }

    /// <summary>Seconds from the first live node holding the crashed node unreachable until every live node does, watched every 20 ms.</summary>
    private static double UnreachableSpreadSeconds(int n, int victim, ulong seed)
    {
        var sim = Cluster(PresetConfigs.Akka(n) with { Downing = AkkaDowning.None }, seed);
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        double first = double.NaN;
        for (long t = 10 * S; t <= 40 * S; t += 20_000)
        {
            sim.Run(t);
            int holding = Enumerable.Range(0, n).Count(i => i != victim && Node(sim, i).BeliefOf(victim) == MemberBelief.Suspect);
            if (holding > 0 && double.IsNaN(first)) first = t / (double)S;
            if (holding == n - 1) return t / (double)S - first;
        }
        return double.PositiveInfinity;
    }

    [Test]
    public void CrashMark_SpreadsFasterThanUniformGossip()
    {
        // ClusterCoreDaemon.gossip: the target is drawn first among members that have not seen the
        // state (P 400 at 100 members: always), and while fewer than half have seen it a node
        // gossips at a third and two thirds of the interval too (gossipTick). With a uniform target
        // once a second instead, these 20 seeds take 3.33 s on average (2.66 to 4.62, sd 0.48)
        // from the first live node holding the crashed node unreachable to the last; with Akka's
        // rules 2.62 s (2.12 to 3.04, sd 0.25). The bound is halfway, over 3 standard errors of
        // the mean from either.
        var spreads = new List<double>();
        for (ulong seed = 1; seed <= 20; seed++) spreads.Add(UnreachableSpreadSeconds(100, 7, seed));
        Assert.That(spreads.Average(), Is.LessThan(2.97), string.Join(" ", spreads.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public void SteadyCluster_GossipsStatusOnly_OnePerNodeASecond()
    {
        // A member that has seen the current state gets only the gossip status (version and seen
        // digest); the same version and seen set end the exchange (receiveGossipStatus). In a
        // steady cluster every member has seen the state, so each gossip round is one status and
        // nothing else: exactly n a second, no full gossip.
        const int n = 30;
        var config = PresetConfigs.Akka(n);
        var sim = Cluster(config);
        sim.Run(20 * S);
        var traffic = sim.Observations.Traffic;
        int gossip = traffic.TypeNames.ToList().IndexOf("gossip"), status = traffic.TypeNames.ToList().IndexOf("gossip_status");
        Assert.That(status, Is.GreaterThanOrEqualTo(0), "a gossip_status message type");
        long gossipBefore = traffic.MessagesSentByType[gossip], statusBefore = traffic.MessagesSentByType[status];
        sim.Run(30 * S);
        Assert.That(traffic.MessagesSentByType[gossip] - gossipBefore, Is.Zero, "full gossip in 10 s");
        Assert.That(traffic.MessagesSentByType[status] - statusBefore, Is.EqualTo(10 * n), "gossip status in 10 s");
    }

    [TestCase(1, 400.0)]
    [TestCase(400, 400.0)]
    [TestCase(800, 220.0)]
    [TestCase(1200, 40.0)]
    [TestCase(5000, 40.0)]
    public void DifferentViewProbability_IsAkkasAdjustedReduceSetting(int members, double expected) =>
        // adjustedGossipDifferentViewProbability receives reduce-gossip-different-view-probability
        // (400): 400 up to 400 members, linearly down to 40 at 1,200.
        Assert.That(AkkaDifferentViewPreference.Probability(members), Is.EqualTo(expected).Within(1e-9));

    /// <summary>2 ms links; while <see cref="Cut"/>, one node's messages to every other are lost.</summary>
    private sealed class FlappingLatency(int node) : LatencyModel
    {
        public bool Cut { get; set; }

        public override long SampleUs(int from, int to) => Cut && from == node ? long.MaxValue / 4 : 2_000;

        public override long QuantileUs(double u) => 2_000;

        public override double MeanUs => 2_000;
    }

    /// <summary>2 ms links; one node's messages to one other are lost; messages of the counted links are counted.</summary>
    private sealed class CountingLatency(Func<int, int> cutTo, Func<int, int, bool> counted) : LatencyModel
    {
        public int Counted { get; set; }

        public override long SampleUs(int from, int to)
        {
            if (counted(from, to)) Counted++;
            return cutTo(from) == to ? long.MaxValue / 4 : 2_000;
        }

        public override long QuantileUs(double u) => 2_000;

        public override double MeanUs => 2_000;
    }
}
