using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;
using GossipSim.Tests.Faults;

namespace GossipSim.Tests.Network;

/// <summary>Duplication, uplink queues, MTU fragments and zones, through the engine.</summary>
public class WireModelsTests
{
    private const long Ms = 1_000;

    [Test]
    public void Uplink_BurstOfFiveMessages_EachArrivesBytesOverRateAfterThePrevious()
    {
        // 1,000,000 B/s = 1 byte per us: a 1,000-byte message takes 1 ms to leave. Five sent at t = 0
        // leave at 1, 2, 3, 4, 5 ms and arrive 1 ms (latency) later: queue delay k * bytes / rate.
        var network = new NetworkModel(new Xoshiro256StarStar(1), new ConstantLatency(1 * Ms), 0) { Uplink = new UplinkQueues(3, 1_000_000) };
        var c = new ProbeCluster(3, network: network);
        for (int v = 1; v <= 5; v++) c.Node(0).SendTo(1, v, sizeBytes: 1_000);
        c.Node(2).SendTo(1, 9, sizeBytes: 1_000);
        c.Simulation.Run(100 * Ms);
        Assert.That(c.Handled.Where(h => h.Value != 9).Select(h => h.TimeUs), Is.EqualTo(new[] { 2 * Ms, 3 * Ms, 4 * Ms, 5 * Ms, 6 * Ms }));
        Assert.That(c.Handled.Single(h => h.Value == 9).TimeUs, Is.EqualTo(2 * Ms), "another node's uplink is its own");
        // Waits behind earlier messages: 0 + 1 + 2 + 3 + 4 ms (node 0), 0 (node 2).
        Assert.That((network.Uplink!.WaitSumUs, network.Uplink.WaitMaxUs, network.Uplink.Sent), Is.EqualTo((10 * Ms, 4 * Ms, 6L)));
    }

    [Test]
    public void Uplink_QueueLimit_MessageThatWouldOverflowIsDropped()
    {
        var network = new NetworkModel(new Xoshiro256StarStar(1), new ConstantLatency(1 * Ms), 0) { Uplink = new UplinkQueues(2, 1_000_000, queueBytes: 2_500) };
        var c = new ProbeCluster(2, network: network);
        for (int v = 1; v <= 4; v++) c.Node(0).SendTo(1, v, sizeBytes: 1_000);
        c.Simulation.Run(100 * Ms);
        // Backlog before message 3: 1,000 (message 2 waiting) + 1,000 of message 1 not yet sent = 2,000; with 3: 3,000 > 2,500.
        Assert.That(c.Handled.Select(h => h.Value), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(network.Uplink!.Drops, Is.EqualTo(2));
    }

    [Test]
    public void Duplicate_Probability_CopiesDeliveredAtThatRate()
    {
        const int sends = 50_000;
        var streams = new RandomStreams(3);
        var network = new NetworkSetup { Duplicate = 0.1 }.Build(LatencySpec.Uniform(1 * Ms, 5 * Ms), 0, 2, streams);
        var c = new ProbeCluster(2, network: network);
        for (int i = 0; i < sends; i++) c.Node(0).SendTo(1, i);
        c.Simulation.Run(100 * Ms);
        // Binomial(50,000, 0.1): mean 5,000, sd 67; band 5 sd.
        Assert.That(network.MessagesDuplicated, Is.EqualTo(5_000).Within(335));
        Assert.That(c.Handled, Has.Count.EqualTo(sends + network.MessagesDuplicated));
        Assert.That(c.Simulation.Observations.Traffic[0].MessagesSent, Is.EqualTo(sends), "a copy is made by the network, not sent twice");
    }

    [Test]
    public void Mtu_MessageOfThreeFragments_KeptOnlyIfAllSurviveLoss()
    {
        // loss 0.1 per fragment: a 3-fragment message survives with 0.9^3 = 0.729; binomial sd over
        // 50,000 messages is 0.002; band 5 sd. One-fragment messages keep exactly 0.9.
        var network = new NetworkModel(new Xoshiro256StarStar(4), new ConstantLatency(1), 0.1) { MtuBytes = 1_000 };
        int kept3 = 0, kept1 = 0;
        for (int i = 0; i < 50_000; i++)
        {
            if (network.TryTransmit(0, 1, 2_500, 0, out _)) kept3++;
            if (network.TryTransmit(0, 1, 1_000, 0, out _)) kept1++;
        }
        Assert.That(kept3 / 50_000.0, Is.EqualTo(0.729).Within(0.01));
        Assert.That(kept1 / 50_000.0, Is.EqualTo(0.9).Within(0.007));
        Assert.That(network.MessagesFragmented, Is.EqualTo(50_000));
    }

    [Test]
    public void ZoneMap_Layouts_BlocksAndRoundRobin()
    {
        var blocks = new ZoneMap(["a", "b", "c"], 10);
        var rr = new ZoneMap(["a", "b", "c"], 10, roundRobin: true);
        Assert.That(Enumerable.Range(0, 10).Select(blocks.ZoneOf), Is.EqualTo(new[] { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2 }));
        Assert.That(Enumerable.Range(0, 10).Select(rr.ZoneOf), Is.EqualTo(new[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 }));
        Assert.That((blocks.IndexOf("c"), blocks.IndexOf("x")), Is.EqualTo((2, -1)));
        Assert.That(blocks.NodesIn(1), Is.EqualTo(new[] { 4, 5, 6 }));
    }

    [Test]
    public void Zones_LatencyAndLossPerZonePair_OthersUseTheGlobalOnes()
    {
        // Zones a = {0, 1}, b = {2, 3}, c = {4, 5}. a-b: 50 ms; a-c: every message lost; the rest 1 ms, no loss.
        var zones = new ZoneMap(["a", "b", "c"], 6);
        var network = new NetworkSetup
        {
            Zones = zones,
            ZoneLinks = [new ZoneLink(0, 1, LatencySpec.Constant(50 * Ms), null), new ZoneLink(2, 0, null, 1.0)],
        }.Build(LatencySpec.Constant(1 * Ms), 0, 6, new RandomStreams(1));
        var c = new ProbeCluster(6, network: network);
        for (int from = 0; from < 6; from++)
            for (int to = 0; to < 6; to++)
                if (from != to) c.Node(from).SendTo(to, from * 10 + to);
        c.Simulation.Run(1_000 * Ms);
        var arrived = c.Handled.ToDictionary(h => h.Value, h => h.TimeUs);
        for (int from = 0; from < 6; from++)
            for (int to = 0; to < 6; to++)
            {
                if (from == to) continue;
                (int zf, int zt) = (zones.ZoneOf(from), zones.ZoneOf(to));
                bool acrossAc = (zf, zt) is (0, 2) or (2, 0);
                long? expected = acrossAc ? null : (zf, zt) is (0, 1) or (1, 0) ? 50 * Ms : 1 * Ms;
                Assert.That(arrived.TryGetValue(from * 10 + to, out long t) ? t : (long?)null, Is.EqualTo(expected), $"{from} -> {to}");
            }
        Assert.That(network.MessagesLost, Is.EqualTo(8));
    }
}
