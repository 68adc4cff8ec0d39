using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Network;

/// <summary>Gilbert-Elliott loss against its closed forms (Gilbert 1960; Elliott 1963).</summary>
public class BurstLossTests
{
    private const int Messages = 400_000;

    private static bool[] Outcomes(GilbertElliottLoss ge, Func<int, (int From, int To)> link)
    {
        var lost = new bool[Messages];
        for (int i = 0; i < Messages; i++)
        {
            var (from, to) = link(i);
            lost[i] = ge.Lose(from, to);
        }
        return lost;
    }

    [TestCase(false)]
    [TestCase(true)]
    public void GilbertElliott_OneChainManyMessages_MeanLossIsStationaryClosedForm(bool perSender)
    {
        // p = 0.02, r = 0.25: pi_bad = p/(p+r) = 0.0741; mean loss = 0.01 pi_good + 0.8 pi_bad = 0.0685.
        // The chain's lag-1 correlation is 1-p-r = 0.73, so the variance of the mean is about
        // (1+0.73)/(1-0.73) = 6.4 times the binomial one: sd ~ sqrt(0.0685 * 0.93 * 6.4 / 4e5) = 0.0010;
        // the band is 5 sd.
        var ge = new GilbertElliottLoss(new Xoshiro256StarStar(11), 8, 0.02, 0.25, 0.01, 0.8, perSender);
        double expected = 0.01 * (0.25 / 0.27) + 0.8 * (0.02 / 0.27);
        Assert.That(ge.MeanLoss, Is.EqualTo(expected).Within(1e-12));
        // Per sender, node 3's chain runs across every receiver; per link, one link carries it all.
        var lost = Outcomes(ge, i => (3, perSender ? i % 8 : 5));
        Assert.That(lost.Count(x => x) / (double)Messages, Is.EqualTo(expected).Within(0.005));
        Assert.That(ge.Lost, Is.EqualTo(lost.Count(x => x)));
    }

    [Test]
    public void GilbertElliott_LossOnlyInBadState_MeanBurstLengthIsOneOverR()
    {
        // loss_bad = 1, loss_good = 0: a run of losses is a sojourn in bad, geometric with mean 1/r = 4
        // and sd sqrt(1-r)/r = 3.46. About N pi_bad r = 7,400 bursts: se = 0.04, band 5 se.
        var ge = new GilbertElliottLoss(new Xoshiro256StarStar(12), 2, 0.02, 0.25, 0, 1, perSender: false);
        var bursts = Runs(Outcomes(ge, _ => (0, 1)));
        Assert.That(ge.MeanBurstLength, Is.EqualTo(4));
        Assert.That(bursts.Count, Is.EqualTo(Messages * (0.02 / 0.27) * 0.25).Within(500));
        Assert.That(bursts.Average(), Is.EqualTo(4).Within(0.2));
    }

    [Test]
    public void GilbertElliott_ManyLinksFewMessagesEach_FirstStateStationarySoMeanLossHolds()
    {
        // Gossip sends few messages per link: chains start in their stationary state, so the loss over
        // 100,000 links of 2 messages is still pi_bad = 0.1 (loss_bad 1, loss_good 0); binomial-ish sd 0.0007.
        var ge = new GilbertElliottLoss(new Xoshiro256StarStar(13), 400, 0.05, 0.45, 0, 1, perSender: false);
        int lost = 0, sent = 0;
        for (int from = 0; from < 400; from++)
            for (int to = 0; to < 250; to++)
                for (int k = 0; k < 2; k++, sent++)
                    if (ge.Lose(from, to)) lost++;
        Assert.That(lost / (double)sent, Is.EqualTo(0.1).Within(0.005));
    }

    [Test]
    public void GilbertElliott_AboveDenseLimit_SparseStateSameLawsNoNSquaredArray()
    {
        var ge = new GilbertElliottLoss(new Xoshiro256StarStar(14), 100_000, 0.02, 0.25, 0, 1, perSender: false);
        var lost = Outcomes(ge, i => (99_999, i % 3));
        Assert.That(lost.Count(x => x) / (double)Messages, Is.EqualTo(0.02 / 0.27).Within(0.006));
    }

    [Test]
    public void NetworkModel_BurstAndIndependentLoss_ChainStepsOnEveryPacketLossesCompose()
    {
        // Independent loss q = 0.5 and a chain with p = 0.1, r = 0.3, loss_bad 1, loss_good 0 on one
        // link, 10^6 packets. The chain steps on every packet, so it is independent of the coin:
        // pi = p/(p+r) = 0.25, lambda = 1-p-r = 0.6, and with D_i = "packet i delivered"
        //   P(D) = (1-q)(1-pi) = 0.375, total loss 1-(1-q)(1-pi) = 0.625;
        //   P(D_i, D_i+k) = (1-q)^2 (1-pi) ((1-pi) + pi lambda^k): 0.16875 at k = 1, 0.150750 at k = 3;
        //   runs of consecutive losses: mean P(lost) / P(D_i, lost_i+1) = 0.625 / (0.375 - 0.16875) = 3.0303;
        //   the chain's own drops: rate pi, runs (sojourns in bad) geometric with mean 1/r = 3.333.
        // A chain that skipped the packets the coin dropped would step on half of them: same rate and
        // same mean run of losses, but P(D_i, D_i+3) = (1-q)^2 (1-pi) ((1-pi) + pi lambda (q + (1-q) lambda)^2)
        // = 0.158625, 11 of the band's sd away, and its sojourns would span 1/((1-q) r) = 6.7 packets.
        // Bands are 5 sd. A delivered packet leaves the chain in good, so the runs are independent
        // (the mean run's sd is taken from the runs). Loss rate: the binomial variance plus twice the
        // summed lag covariances (1-q)^2 (1-pi) pi lambda/(1-lambda) = 0.0703, sd sqrt(0.375/N) = 0.0006.
        // Chain rate: binomial times (1+lambda)/(1-lambda) = 4, sd 0.0009; sojourns: N pi r = 75,000 of
        // sd sqrt(1-r)/r = 2.79, se 0.010. The pair indicator, at most the same factor 4: sd 0.0007.
        const int n = 1_000_000;
        const double q = 0.5, p = 0.1, r = 0.3, pi = p / (p + r), lambda = 1 - p - r;
        var network = new NetworkSetup { BurstLoss = new BurstLossSpec(p, r, 0, 1, PerSender: false) }
            .Build(LatencySpec.Uniform(1_000, 9_000), q, 10, new RandomStreams(21));
        var delivered = new bool[n];
        var chainLost = new bool[n];
        for (int i = 0; i < n; i++)
        {
            long before = network.BurstLoss!.Lost;
            delivered[i] = network.TryTransmit(0, 1, 0, out _);
            chainLost[i] = network.BurstLoss.Lost > before;
        }

        double pDelivered = (1 - q) * (1 - pi);
        Assert.That(delivered.Count(d => !d) / (double)n, Is.EqualTo(1 - pDelivered).Within(5 * Math.Sqrt(0.375 / n)));
        Assert.That(network.MessagesLost, Is.EqualTo(delivered.Count(d => !d)), "a message lost both ways counts once");
        double PairDelivered(int k) => (1 - q) * (1 - q) * (1 - pi) * ((1 - pi) + pi * Math.Pow(lambda, k));
        int pairs3 = 0;
        for (int i = 0; i + 3 < n; i++) if (delivered[i] && delivered[i + 3]) pairs3++;
        Assert.That(pairs3 / (double)(n - 3), Is.EqualTo(PairDelivered(3)).Within(5 * Math.Sqrt(PairDelivered(3) * (1 - PairDelivered(3)) * 4 / n)));
        var lossRuns = Runs(delivered.Select(d => !d));
        AssertMean(lossRuns, (1 - pDelivered) / (pDelivered - PairDelivered(1)));

        Assert.That(network.BurstLoss!.Lost / (double)n, Is.EqualTo(pi).Within(5 * Math.Sqrt(pi * (1 - pi) * 4 / n)));
        var sojourns = Runs(chainLost);
        Assert.That(sojourns.Average(), Is.EqualTo(1 / r).Within(5 * Math.Sqrt(1 - r) / r / Math.Sqrt(n * pi * r)));
    }

    /// <summary>Lengths of the runs of consecutive true values.</summary>
    private static List<int> Runs(IEnumerable<bool> values)
    {
        var runs = new List<int>();
        int run = 0;
        foreach (bool v in values)
        {
            if (v) run++;
            else if (run > 0) { runs.Add(run); run = 0; }
        }
        return runs;
    }

    /// <summary>The runs' mean within 5 standard errors of <paramref name="expected"/>, the error from the runs' own spread.</summary>
    private static void AssertMean(List<int> runs, double expected)
    {
        double mean = runs.Average();
        double sd = Math.Sqrt(runs.Sum(x => (x - mean) * (x - mean)) / (runs.Count - 1));
        Assert.That(mean, Is.EqualTo(expected).Within(5 * sd / Math.Sqrt(runs.Count)));
    }

    [Test]
    public void NetworkModel_BurstLoss_CountsIntoMessagesLostAndUsesOwnStream()
    {
        var streams = new RandomStreams(5);
        var withBurst = new NetworkSetup { BurstLoss = new BurstLossSpec(0.1, 0.5, 0, 1, false) }
            .Build(LatencySpec.Uniform(1_000, 9_000), 0, 10, streams);
        var delays = new List<long>();
        for (int i = 0; i < 1000; i++)
            if (withBurst.TryTransmit(1, 2, 0, out long t)) delays.Add(t);
        Assert.That(withBurst.MessagesLost, Is.EqualTo(withBurst.BurstLoss!.Lost).And.GreaterThan(0));
        // Latency draws come from the network stream alone: the surviving messages' delays are the
        // plain network's first draws, in order (burst draws never shift them).
        var plainAgain = NetworkSetup.Plain.Build(LatencySpec.Uniform(1_000, 9_000), 0, 10, new RandomStreams(5));
        var expected = Enumerable.Range(0, delays.Count).Select(_ => { plainAgain.TryTransmit(1, 2, 0, out long t); return t; });
        Assert.That(delays, Is.EqualTo(expected));
    }
}
