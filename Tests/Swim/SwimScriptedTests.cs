using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Swim;

/// <summary>Small clusters (5 nodes, memberlist LAN defaults, 1 ms links) with a scripted wire.</summary>
public class SwimScriptedTests
{
    private const long S = 1_000_000;
    private const int N = 5;

    private static SwimHarness Cluster(SwimConfig? config = null, ulong seed = 7)
    {
        var h = new SwimHarness(config ?? PresetConfigs.MemberlistLan(N), seed);
        h.StartAll();
        return h;
    }

    [Test]
    public void DirectPingLost_PingReqToEveryOtherMember_RelaysAck_NoSuspicion()
    {
        var h = Cluster();
        int dropped = 0;
        // Every direct ping from 0 to 1 is lost for 295 s; the relays' pings to 1 get through.
        h.Wire = (from, to, m) =>
        {
            if (from != 0 || to != 1 || m.Type != SwimMessageType.Ping || h.Sim.NowUs >= 295 * S) return 0;
            dropped++;
            return -1;
        };
        h.RunUntil(300 * S);
        Assert.That(dropped, Is.GreaterThan(50), "node 0 probed node 1 about once every 4 s");
        // memberlist 1b4c746 util.go kRandomNodes: below 3k members it shuffles the whole list and
        // takes the first k eligible, so every lost probe asks all 3 other alive members (its
        // earlier form, 3n uniform draws, missed one about 10% of the time at n = 5).
        long pingReqs = h.Traffic.MessagesSentByType[SwimMessageType.PingReq];
        Assert.That(pingReqs, Is.EqualTo(3 * dropped), "only node 0 ever asks");
        Assert.That(h.Observations, Is.Empty, "no suspicion, no death");
        Assert.That(h.Node(0).Awareness, Is.Zero, "indirect acks count as successful probes");
    }

    [Test]
    public void AckLateBeyondInterval_Suspected_ThenRefutedWithIncarnationOne_NoDeath()
    {
        // Node 1's acks (to probers and to relays) arrive 1.5 s late until someone suspects it; the
        // TCP fallback ping is off, or its timely ack would keep node 1 from being suspected.
        var h = Cluster(PresetConfigs.MemberlistLan(N) with { TcpPings = false });
        h.Wire = (from, _, m) =>
            from == 1 && m.Type == SwimMessageType.Ack && !h.Observations.Any(o => o.Kind == ObservationKind.Suspected) ? 1_500_000 : 0;
        h.RunUntil(40 * S);
        var suspected = h.Of(ObservationKind.Suspected, 1).ToList();
        Assert.That(suspected, Is.Not.Empty);
        Assert.That(suspected.Select(o => o.Value), Is.All.EqualTo(0), "suspected at the incarnation it had");
        Assert.That(h.Node(1).Incarnation, Is.EqualTo(1), "refuted once: max(own+1, accused+1)");
        Assert.That(h.Observations.Where(o => o.Kind == ObservationKind.MarkedDead), Is.Empty);
        foreach (var o in suspected)
            Assert.That(h.Of(ObservationKind.MarkedAlive, 1).Any(a => a.Observer == o.Observer && a.Value == 1 && a.TimeUs > o.TimeUs),
                $"node {o.Observer} took the refutation");
        for (int i = 0; i < N; i++)
        {
            if (i == 1) continue;
            Assert.That(h.Node(i).StateOf(1), Is.EqualTo(SwimMemberState.Alive));
            Assert.That(h.Node(i).IncarnationOf(1), Is.EqualTo(1));
        }
    }

    [Test]
    public void Crash_SuspectedThenDeadAtEveryNode_WithinParameterBound()
    {
        var h = Cluster();
        const int victim = 3;
        const long crashUs = 5 * S;
        h.RunUntil(crashUs);
        h.Crash(victim);
        // Round robin over 4 others: some prober reaches the victim within 2·4 − 1 ticks (the same
        // target is at most 2n−1 periods apart); + the probe deadline (awareness 0: 1 s); + suspicion
        // Max (n = 5: Min 4 s, Max 24 s); + 1 s to spread the dead message.
        long boundUs = 7 * S + 1 * S + 24 * S + 1 * S;
        h.RunUntil(crashUs + boundUs + S);
        var firstSuspicion = h.Of(ObservationKind.Suspected, victim).Min(o => o.TimeUs);
        for (int i = 0; i < N; i++)
        {
            if (i == victim) continue;
            var dead = h.Of(ObservationKind.MarkedDead, victim).Where(o => o.Observer == i).ToList();
            Assert.That(dead, Has.Count.EqualTo(1), $"node {i} marks the victim dead once");
            Assert.That(dead[0].TimeUs - crashUs, Is.LessThanOrEqualTo(boundUs));
            // Nobody can declare before the first suspicion plus the Min timeout.
            Assert.That(dead[0].TimeUs, Is.GreaterThanOrEqualTo(firstSuspicion + 4 * S));
        }
        Assert.That(h.Observations.Where(o => o.Kind == ObservationKind.MarkedDead && o.Subject != victim), Is.Empty);
    }

    [Test]
    public void FailedProbe_LanNacksRaceTheDeadline_AwarenessRisesByK()
    {
        // LAN: relays nack at t0 + 2·ProbeTimeout + latency = t0 + 1 s + 1 ms, after the origin's
        // deadline t0 + 1 s, so none counts: +3 (docs/references.md §1 [derived], simulated literally).
        Assert.That(AwarenessAtFirstSuspicion(PresetConfigs.MemberlistLan(N)), Is.EqualTo(3));
    }

    [Test]
    public void FailedProbe_ShortProbeTimeoutNacksInTime_AwarenessUnchanged()
    {
        // ProbeTimeout 200 ms (memberlist Local): nacks are back at t0 + 402 ms; all three count.
        Assert.That(AwarenessAtFirstSuspicion(PresetConfigs.MemberlistLan(N) with { ProbeTimeoutUs = 200_000 }), Is.Zero);
    }

    [Test]
    public void FailedProbe_DeadlineBeforeProbeTimeout_RelaysAskedAtTheDeadline_AwarenessRisesByK()
    {
        // probe_interval 250 ms under the 500 ms probe_timeout (a sweep's low end): memberlist's
        // probeNode (state.go @1b4c746) takes the deadline's timeout on the ack channel in its
        // select, goes on to ask the k relays anyway, then finds no ack and no nack: +3.
        Assert.That(AwarenessAtFirstSuspicion(PresetConfigs.MemberlistLan(N) with { ProbeIntervalUs = 250_000 }), Is.EqualTo(3));
    }

    private static int AwarenessAtFirstSuspicion(SwimConfig config)
    {
        var h = Cluster(config);
        int awareness = -1;
        h.OnObserved = o =>
        {
            if (o.Kind == ObservationKind.Suspected && awareness < 0) awareness = h.Node(o.Observer).Awareness;
        };
        h.RunUntil(2 * S);
        h.Crash(4);
        h.RunUntil(12 * S);
        Assert.That(awareness, Is.GreaterThanOrEqualTo(0), "someone suspected the crashed node");
        return awareness;
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public void BuddyPing_OnlyPathToTheSuspect_SuspectRefutesIffBuddyOn(bool buddy, int incarnation)
    {
        // A 40-byte MTU leaves no room to piggyback or gossip any broadcast (≥ 47 + 2 B), so the
        // buddy compound (ping + suspect) is the only way the suspicion can reach node 1. No TCP
        // fallback ping, whose ack would prevent the suspicion.
        var lan = PresetConfigs.MemberlistLan(N);
        var config = lan with { MtuBytes = 40, TcpPings = false, Lifeguard = lan.Lifeguard with { Buddy = buddy } };
        var h = Cluster(config);
        h.Wire = (from, _, m) =>
            from == 1 && m.Type == SwimMessageType.Ack && !h.Observations.Any(o => o.Kind == ObservationKind.Suspected) ? 1_500_000 : 0;
        h.RunUntil(30 * S);
        Assert.That(h.Of(ObservationKind.Suspected, 1), Is.Not.Empty);
        Assert.That(h.Node(1).Incarnation, Is.EqualTo(incarnation));
    }

    [Test]
    public void Restart_FreshNodeAtIncarnationZero_OutbidsItsDeathAndIsAliveEverywhere()
    {
        var h = Cluster();
        const int victim = 2;
        h.RunUntil(2 * S);
        h.Crash(victim);
        // Dead everywhere well before 20 s, and not yet forgotten (GossipToTheDeadTime 30 s): the
        // restarted node must outbid a dead record, not just introduce itself to nodes that forgot it.
        h.RunUntil(20 * S);
        Assert.That(h.Of(ObservationKind.MarkedDead, victim).Select(o => o.Observer).Distinct().Count(), Is.EqualTo(N - 1));
        h.Sim.StartNode(victim);
        h.RunUntil(30 * S);
        Assert.That(h.Node(victim).Incarnation, Is.GreaterThan(0), "refuted its own dead record");
        for (int i = 0; i < N; i++)
        {
            if (i == victim) continue;
            Assert.That(h.Node(i).StateOf(victim), Is.EqualTo(SwimMemberState.Alive), $"node {i}");
            Assert.That(h.Node(victim).StateOf(i), Is.EqualTo(SwimMemberState.Alive), $"the restarted node knows {i}");
        }
    }

    [Test]
    public void Leave_DeadFromSelf_EveryoneRemovesIt_NoDeathMark()
    {
        var h = Cluster();
        const int leaver = 4;
        h.RunUntil(3 * S);
        h.Leave(leaver);
        h.RunUntil(10 * S);
        Assert.That(h.Of(ObservationKind.Removed, leaver).Select(o => o.Observer).Distinct().Count(), Is.EqualTo(N - 1));
        Assert.That(h.Observations.Where(o => o.Kind is ObservationKind.MarkedDead or ObservationKind.Suspected), Is.Empty);
    }

    [Test]
    public void Joiner_BeyondInitialMembers_LearnsAllAndIsLearnedByAll()
    {
        var config = PresetConfigs.MemberlistLan(6) with { InitialMembers = 5 };
        var h = new SwimHarness(config, 3);
        for (int i = 0; i < 5; i++) h.Sim.StartNode(i);
        h.RunUntil(1 * S);
        h.Sim.StartNode(5);
        h.RunUntil(5 * S);
        for (int i = 0; i < 5; i++)
        {
            Assert.That(h.Node(i).StateOf(5), Is.EqualTo(SwimMemberState.Alive), $"node {i} learned the joiner");
            Assert.That(h.Node(5).StateOf(i), Is.EqualTo(SwimMemberState.Alive));
            Assert.That(h.Of(ObservationKind.MarkedAlive, 5).Count(o => o.Observer == i), Is.EqualTo(1), "emitted once");
        }
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Joiner_FirstPeriodicPushPull_AfterStaggerAndScaledInterval(ulong seed)
    {
        // memberlist state.go pushPullTrigger: a random stagger below PushPullInterval (30 s), then
        // pushPullScale of the members known by then (101: 3 × 30 s) before the first periodic
        // push-pull. So a node joining at 5 s sends its 3 join push-pulls to the seeds and no other
        // until 5 + 90 s, and exactly one more by 5 + 120 s.
        var config = PresetConfigs.MemberlistLan(101) with { InitialMembers = 100 };
        var h = new SwimHarness(config, seed);
        var requests = new List<long>();
        h.OnStream = (from, _, m) =>
        {
            if (from == 100 && m.Type == SwimMessageType.PushPull && m.A == 1) requests.Add(h.Sim.NowUs);
        };
        for (int i = 0; i < 100; i++) h.Sim.StartNode(i);
        h.RunUntil(5 * S);
        h.Sim.StartNode(100);
        h.RunUntil(95 * S - 1);
        Assert.That(requests, Has.Count.EqualTo(3), "the join push-pulls only");
        // One seed after another, each once the one before has answered (1 ms links: 4 ms an exchange).
        Assert.That(requests, Is.EqualTo(new[] { 5 * S, 5 * S + 4_000, 5 * S + 8_000 }));
        h.RunUntil(125 * S);
        Assert.That(requests, Has.Count.EqualTo(4), "one periodic push-pull in [95 s, 125 s)");
    }

    [Test]
    public void SameSeed_SameRun_IdenticalEmissions()
    {
        static List<Observed> Once()
        {
            // Without TCP pings, whose acks no datagram loss reaches, so that loss makes suspicions.
            var h = new SwimHarness(PresetConfigs.MemberlistLan(8) with { TcpPings = false }, 11, loss: 0.1);
            h.StartAll();
            h.RunUntil(60 * S);
            return h.Observations;
        }
        var first = Once();
        Assert.That(first, Is.Not.Empty, "10% loss produces suspicions");
        Assert.That(Once(), Is.EqualTo(first));
    }
}
