using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Network;

/// <summary>
/// The engine sends through <see cref="NetworkModel.TryTransmitPlain"/> while no optional model is
/// on; it must decide every message exactly as <see cref="NetworkModel.TryTransmit(int, int, int, long, out long)"/>
/// does, or runs without optional models would change.
/// </summary>
public class PlainNetworkTests
{
    [Test]
    public void TryTransmitPlain_SameFatesAndArrivalsAsTryTransmit()
    {
        // Same seeds, one network asked the general way and one the plain way, message by message.
        var general = new NetworkModel(new Xoshiro256StarStar(7), new UniformLatency(new Xoshiro256StarStar(7), 1_000, 10_000), 0.2);
        var plain = new NetworkModel(new Xoshiro256StarStar(7), new UniformLatency(new Xoshiro256StarStar(7), 1_000, 10_000), 0.2);
        Assert.That(plain.IsPlain, Is.True);
        for (int i = 0; i < 10_000; i++)
        {
            long nowUs = i * 37L;
            bool kept = general.TryTransmit(i % 50, (i * 7 + 1) % 50, 100, nowUs, out long expected);
            Assert.That(plain.TryTransmitPlain(i % 50, (i * 7 + 1) % 50, nowUs, out long arrival), Is.EqualTo(kept), $"message {i}");
            if (kept) Assert.That(arrival, Is.EqualTo(expected), $"message {i}");
        }
        Assert.That(plain.MessagesLost, Is.EqualTo(general.MessagesLost));
        // A fifth lost, within five standard deviations of 2,000 (sd 40).
        Assert.That(plain.MessagesLost, Is.InRange(1_800, 2_200));
    }

    [Test]
    public void IsPlain_FalseWhileAnyOptionalModelIsOn()
    {
        var stream = new Xoshiro256StarStar(1);
        var latency = new ConstantLatency(1_000);
        Assert.That(new NetworkModel(stream, latency, 0) { Uplink = new UplinkQueues(4, 1_000_000) }.IsPlain, Is.False, "uplink");
        Assert.That(new NetworkModel(stream, latency, 0) { MtuBytes = 1_400 }.IsPlain, Is.False, "MTU");
        Assert.That(new NetworkModel(stream, latency, 0) { ZoneLoss = [0.1] }.IsPlain, Is.False, "zone loss");
        Assert.That(new NetworkModel(stream, latency, 0) { BurstLoss = new GilbertElliottLoss(stream, 4, 0.1, 0.5, 0, 1, perSender: false) }.IsPlain, Is.False, "bursty loss");
        Assert.That(new NetworkModel(stream, latency, 0) { DuplicateProbability = 0.01, DuplicateStream = stream }.IsPlain, Is.False, "duplication");

        // Link faults turn it off while one is in force, and back on when the last is healed.
        var network = new NetworkModel(stream, latency, 0);
        var links = network.EnableLinkFaults(4);
        Assert.That(network.IsPlain, Is.True, "link faults enabled but none in force");
        var cut = links.Partition([0, 1], LinkDirection.Both);
        Assert.That(network.IsPlain, Is.False, "partition in force");
        links.Remove(cut);
        Assert.That(network.IsPlain, Is.True, "partition healed");
    }
}
