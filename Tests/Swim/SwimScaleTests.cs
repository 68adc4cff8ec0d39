using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Swim;

/// <summary>1,200 nodes, memberlist LAN defaults, constant 1 ms links.</summary>
public class SwimScaleTests
{
    private const long S = 1_000_000;
    private const int N = 1200;

    [Test]
    public void NoFaultsNoLoss_LoadPerMemberPerPeriod_MatchesDerivedConstant_NoSuspicionOrDeath()
    {
        var h = new SwimHarness(PresetConfigs.MemberlistLan(N), 1);
        h.StartAll();
        h.RunUntil(20 * S);
        long[] before = (long[])h.Traffic.MessagesSentByType.Clone();
        long receivedBefore = h.MessagesReceived;
        h.RunUntil(60 * S);
        Assert.That(h.Observations, Is.Empty, "no suspicion, no death, nothing to refute");
        int types = SwimMessageType.Names.Count;
        double[] perMemberPeriod = new double[types];
        for (int t = 0; t < types; t++) perMemberPeriod[t] = (h.Traffic.MessagesSentByType[t] - before[t]) / (double)N / 40;
        double receivedPerMemberPeriod = (h.MessagesReceived - receivedBefore) / (double)N / 40;
        // Derivation (failure-free, lossless): each member sends one ping per period and answers
        // the one ping it receives on average with an ack: 2 sent, 2 received = SWIM's 4 per
        // member per period. memberlist gossips only queued broadcasts, and with nothing to
        // disseminate there are none: 0 gossip packets. Push-pull adds a request and a reply per
        // initiation, one initiation per member per 7·30 s at n = 1200 (SwimMath.PushPullPeriodUs):
        // 2/210 sent per member per period. Band: initiations in the 40 s window are binomial
        // (1200, 40/210), sd 13.6 of 228.6, ±4 sd.
        Assert.That(perMemberPeriod[SwimMessageType.Ping], Is.EqualTo(1.0).Within(1e-9), "a tick each second, exactly 40 in the window");
        Assert.That(perMemberPeriod[SwimMessageType.Ack], Is.EqualTo(1.0).Within(0.001), "1 ms edge at the window's ends");
        double pushPull = 2.0 / 210;
        Assert.That(perMemberPeriod[SwimMessageType.PushPull], Is.EqualTo(pushPull).Within(pushPull * 4 * 13.6 / 228.6));
        foreach (int t in new[] { SwimMessageType.PingReq, SwimMessageType.Nack, SwimMessageType.Suspect, SwimMessageType.Alive,
                     SwimMessageType.Dead, SwimMessageType.Compound })
            Assert.That(perMemberPeriod[t], Is.Zero, SwimMessageType.Names[t]);
        double total = perMemberPeriod.Sum();
        Assert.That(total, Is.EqualTo(2 + pushPull).Within(0.001 + pushPull * 4 * 13.6 / 228.6));
        Assert.That(total + receivedPerMemberPeriod, Is.EqualTo(4 + 2 * pushPull).Within(0.002 + 2 * pushPull * 4 * 13.6 / 228.6),
            "SWIM's 4 messages per member per period, plus push-pull");
    }

    [Test]
    public void CrashTwelve_EveryLiveNodeMarksEachDead_WithinParameterBound()
    {
        var config = PresetConfigs.MemberlistLan(N);
        var h = new SwimHarness(config, 2);
        h.StartAll();
        const long crashUs = 10 * S;
        h.RunUntil(crashUs);
        int[] victims = Enumerable.Range(0, 12).Select(i => 37 + 97 * i).ToArray();
        foreach (int v in victims) h.Crash(v);
        // docs/references.md §1 [derived]: crash → dead ≈ time until probed + (s+1)·ProbeInterval +
        // suspicion timer. Time until probed: the first of ~1188 probers reaches a victim after
        // ≈ Exp(1 s) (see the first-detection test), so 20 s leaves e^-20 per victim; (s+1) ≤
        // awareness_max = 8; the timer is at most Max = 6·Min = 73.9 s at n = 1200; and 5 s for
        // the dead message to spread (fanout 3 every 200 ms: ≈ 8 rounds = 1.6 s to reach 1200).
        long boundUs = 20 * S + 8 * S + SwimMath.SuspicionMaxUs(6, SwimMath.SuspicionMinUs(4, N, S)) + 5 * S;
        h.RunUntil(crashUs + boundUs + 1);
        var dead = h.Observations.Where(o => o.Kind == ObservationKind.MarkedDead).ToList();
        Assert.That(dead.Select(o => o.Subject).Distinct(), Is.EquivalentTo(victims), "no live node is ever declared dead");
        long worstUs = 0;
        foreach (int v in victims)
        {
            var observers = dead.Where(o => o.Subject == v).ToList();
            Assert.That(observers.Select(o => o.Observer).Distinct().Count(), Is.EqualTo(N - victims.Length), $"victim {v}");
            worstUs = Math.Max(worstUs, observers.Max(o => o.TimeUs) - crashUs);
        }
        Assert.That(worstUs, Is.LessThanOrEqualTo(boundUs));
        TestContext.Out.WriteLine($"slowest death mark {worstUs / 1e6:F2} s after the crash (bound {boundUs / 1e6:F1} s)");
    }

    [Test]
    public void FirstDetection_ManyCrashes_MeanMatchesRoundRobinDerivation()
    {
        // Derivation for what SwimNode does (asynchronous ticks, round robin over a shuffled list):
        // each live prober i ticks every T at its own phase and probes the next member of a random
        // permutation of the L = n−1 others. A victim not yet probed in the current pass is equally
        // likely in any remaining slot, so P(i reaches it within its next j ticks) = j/L (until
        // the pass ends), i.e. over a window t the chance is t/(L·T). With m live probers,
        // P(nobody by t) = (1 − t/(L·T))^m and E[τ] = ∫ = L·T/(m+1) ≈ T. The prober suspects at
        // the end of its probe interval, (s+1)·T later; with Lifeguard's lha off s = 0, so
        // E[first suspicion − crash] = T·(1 + L/(m+1)) ≈ 2.01 T, sd ≈ T (τ is ≈ exponential).
        // Random-target SWIM gives the same to O(1/n) in asynchronous time; the paper's
        // e/(e−1)·T' ≈ 1.58 T' counts lockstep periods from a crash at a period boundary.
        // lha is off so a prober's awareness after probing one victim cannot stretch its next deadline.
        var lan = PresetConfigs.MemberlistLan(N);
        var config = lan with { Lifeguard = lan.Lifeguard with { Lha = false } };
        const int seeds = 10, perRun = 12;
        const long crashUs = 5 * S;
        var delays = new List<double>();
        for (ulong seed = 1; seed <= seeds; seed++)
        {
            var h = new SwimHarness(config, 100 + seed);
            h.StartAll();
            h.RunUntil(crashUs);
            int[] victims = Enumerable.Range(0, perRun).Select(i => (int)((seed * 131 + (ulong)i * 97) % N)).ToArray();
            foreach (int v in victims) h.Crash(v);
            h.RunUntil(crashUs + 15 * S);
            foreach (int v in victims)
                delays.Add((h.Of(ObservationKind.Suspected, v).Min(o => o.TimeUs) - crashUs) / (double)S);
        }
        int m = N - perRun, l = N - 1;
        double expected = 1 + (double)l / (m + 1);
        double se = 1.0 / Math.Sqrt(delays.Count);
        double mean = delays.Average();
        TestContext.Out.WriteLine($"mean first detection {mean:F3} T over {delays.Count} crashes (derived {expected:F3} T, se {se:F3})");
        Assert.That(delays.Min(), Is.GreaterThanOrEqualTo(1.0), "a suspicion comes one full interval after the failed probe");
        Assert.That(mean, Is.EqualTo(expected).Within(3.5 * se));
    }
}
