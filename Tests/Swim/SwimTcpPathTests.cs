using GossipSim.Simulator.Runs;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Swim;

/// <summary>
/// memberlist's TCP paths (docs/references.md, "memberlist"): the fallback TCP ping of a failed
/// probe and push-pull over TCP, which random datagram loss does not reach but cuts and down ends do.
/// </summary>
public class SwimTcpPathTests
{
    private const long S = 1_000_000;

    [TestCase(true)]
    [TestCase(false)]
    public void UdpFromOneNodeLost_TcpPingAnswers_SuspectedOnlyWithoutTcpPings(bool tcpPings)
    {
        // Every datagram node 4 sends is lost; its TCP answers are not.
        var h = new SwimHarness(PresetConfigs.MemberlistLan(5) with { TcpPings = tcpPings }, 7) { Wire = (from, _, _) => from == 4 ? -1 : 0 };
        h.StartAll();
        h.RunUntil(30 * S);
        var suspicions = h.Of(ObservationKind.Suspected, 4).ToList();
        if (tcpPings) Assert.That(suspicions, Is.Empty, "the TCP ping reaches node 4 and its ack comes back");
        else Assert.That(suspicions, Is.Not.Empty);
    }

    [Test]
    public void Stream_RandomLossIgnored_CutEitherWayFails()
    {
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(1_000), loss: 1.0);
        Assert.That(network.TryTransmit(0, 1, 0, out _), Is.False, "every datagram is lost");
        Assert.That(network.TryStream(0, 1, 3, 0, out long arrival), Is.True, "a stream retransmits through random loss");
        Assert.That(arrival, Is.EqualTo(3_000), "a new connection takes three one-way latencies");
        var links = network.EnableLinkFaults(3);
        links.Partition([1], LinkDirection.In);
        Assert.That(network.TryStream(0, 1, 1, 0, out _), Is.False, "cut towards the receiver");
        Assert.That(network.TryStream(1, 0, 1, 0, out _), Is.False, "cut towards the sender: no connection either");
        Assert.That(network.TryStream(0, 2, 1, 0, out _), Is.True);
    }

    /// <summary>
    /// memberlist's Join takes the seeds in turn (memberlist.go Join: pushPullNode for each): the
    /// next seed once the last one's exchange is done, at once after a refused dial, and only after
    /// TCPTimeout (10 s) after a dial nobody answers.
    /// </summary>
    [TestCase("up", 0L)]
    [TestCase("crashed", 10 * S)]
    [TestCase("left", 0L)]
    public void Joiner_TakesTheSeedsInTurn_AfterTheFirstSeedsExchangeOrItsFailure(string firstSeed, long waitUs)
    {
        var config = PresetConfigs.MemberlistLan(6) with { InitialMembers = 5 };
        var h = new SwimHarness(config, 5);
        var requests = new List<(long AtUs, int To)>();
        h.OnStream = (from, to, message) =>
        {
            if (from == 5 && message.Type == SwimMessageType.PushPull && message.A == 1) requests.Add((h.Sim.NowUs, to));
        };
        for (int i = 0; i < 5; i++) h.Sim.StartNode(i);
        h.RunUntil(1 * S);
        if (firstSeed == "crashed") h.Crash(0);
        if (firstSeed == "left") h.Leave(0);
        h.Sim.StartNode(5);
        h.RunUntil(1 * S + 15 * S);
        var join = requests.Take(3).ToList();
        // 1 ms links: an exchange is 3 latencies to the seed (SYN, SYN-ACK, the state) and 1 back.
        long secondUs = 1 * S + (firstSeed == "up" ? 4_000 : waitUs);
        Assert.That(join, Is.EqualTo(new[] { (1 * S, 0), (secondUs, 1), (secondUs + 4_000, 2) }), "seed 0 first, then 1, then 2, each once the one before is done");
        Assert.That(h.Node(5).StateOf(4), Is.EqualTo(SwimMemberState.Alive), "the join went through");
    }

    [Test]
    public void Joiner_AllDatagramsLost_LearnsEveryMemberByPushPull()
    {
        // A joiner's first contact is a push-pull with the seeds; with every datagram lost it still
        // learns the whole cluster, over TCP.
        var config = PresetConfigs.MemberlistLan(6) with { InitialMembers = 5 };
        var h = new SwimHarness(config, 3, loss: 1.0);
        h.StartAll();
        h.RunUntil(2 * S);
        for (int i = 0; i < 5; i++) Assert.That(h.Node(5).StateOf(i), Is.EqualTo(SwimMemberState.Alive), $"member {i}");
    }

    [TestCase("up")]
    [TestCase("crashed")]
    public void PeriodicPushPull_NextPeriodStartsWhenTheExchangeEnds(string peer)
    {
        // Two members, no probes (so node 0 never suspects node 1 and always picks it): node 0's
        // periodic push-pulls come a period apart plus the exchange, 4 ms on 1 ms links, or plus
        // TCPTimeout when the dial to a crashed peer goes unanswered (memberlist pushPullTrigger
        // waits for pushPull to return before its next period).
        long period = 2 * S;
        var config = PresetConfigs.MemberlistLan(2) with { ProbeIntervalUs = 3_600 * S, PushPullIntervalUs = period };
        var h = new SwimHarness(config, 4);
        var requests = new List<long>();
        h.OnStream = (from, _, message) =>
        {
            if (from == 0 && message.Type == SwimMessageType.PushPull && message.A == 1) requests.Add(h.Sim.NowUs);
        };
        h.StartAll();
        h.RunUntil(period);
        Assert.That(requests, Has.Count.EqualTo(1), "one periodic push-pull within the first period");
        if (peer == "crashed") h.Crash(1);
        h.RunUntil(period + 2 * period + config.TcpTimeoutUs);
        long second = requests[0] + period + 4_000;
        long third = second + period + (peer == "up" ? 4_000 : config.TcpTimeoutUs);
        Assert.That(requests.Take(3), Is.EqualTo(new[] { requests[0], second, third }));
    }

    [Test]
    public void Joiner_SeedRepliesAfterTcpTimeout_ReplyIsNotMerged()
    {
        // The only seed is paused 15 s: the joiner's push-pull reaches it, but its reply comes
        // after the exchange's TCPTimeout (10 s), when memberlist's sendAndReceiveState has given
        // up and closed the connection, so the joiner never reads it. Stable members have nothing
        // to broadcast, so the joiner, alone, learns the cluster at its first periodic push-pull:
        // a stagger under the 30 s interval, then a 30 s period.
        var config = PresetConfigs.MemberlistLan(6) with { InitialMembers = 5, Seeds = [0] };
        var h = new SwimHarness(config, 5);
        for (int i = 0; i < 5; i++) h.Sim.StartNode(i);
        h.RunUntil(1 * S);
        h.Sim.PauseNode(0, bufferCapacity: 1_000);
        h.Sim.StartNode(5);
        h.RunUntil(16 * S);
        h.Sim.ResumeNode(0);
        h.RunUntil(16 * S + 50_000);
        Assert.That(Enumerable.Range(1, 4).Count(m => h.Node(5).StateOf(m) == SwimMemberState.Alive), Is.LessThan(4),
            "the late reply's members are not merged at once");
        h.RunUntil(1 * S + 60 * S + 50_000);
        for (int m = 0; m < 5; m++) Assert.That(h.Node(5).StateOf(m), Is.EqualTo(SwimMemberState.Alive), $"member {m} learned by push-pull");
    }
}
