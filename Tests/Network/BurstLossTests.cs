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
        var lost = Outcomes(ge, _ => (0, 1));
        var bursts = new List<int>();
        int run = 0;
        foreach (bool l in lost)
        {
            if (l) run++;
            else if (run > 0) { bursts.Add(run); run = 0; }
        }
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
