using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Wire;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

/// <summary>
/// A message on a new TCP connection (<see cref="INodeContext.OpenStream"/>): a dial that cannot
/// connect writes no message and costs its sender only the SYNs it sends, as many as Linux sends
/// before the dial's timeout when nothing answers, one when the host refuses it.
/// </summary>
public class OpenStreamTests
{
    private const long Ms = 1_000, S = 1_000_000;
    private const int Size = 300;

    private sealed class Node(INodeContext context, List<(long, int)> arrivals) : ProtocolNode(context)
    {
        public override void Start() { }

        public override void OnTimer(int kind, long tag) { }

        public override void OnMessage(in Message message) => arrivals.Add((Context.NowUs, Context.Id));

        public void Dial(int to, long timeoutUs) => Context.OpenStream(to, new Message { Type = 1, SizeBytes = Size }, timeoutUs);
    }

    [TestCase(0L, 60)]
    [TestCase(500 * Ms, 60)]
    [TestCase(1 * S, 60)]
    [TestCase(1 * S + 1, 120)]
    [TestCase(10 * S, 240)]
    [TestCase(30 * S, 300)]
    [TestCase(200 * S, 420)]
    public void FailedDial_Unanswered_TheSynsSentBeforeTheTimeout(long timeoutUs, int bytes)
    {
        // SYNs at 0, 1, 3, 7, 15, 31 and 63 s (initial timeout 1 s, doubled, 6 retries), 60 B each.
        Assert.That(WireOverhead.FailedDial(timeoutUs, refused: false), Is.EqualTo(bytes));
        Assert.That(WireOverhead.FailedDial(timeoutUs, refused: true), Is.EqualTo(60), "a refused dial sends one SYN and gets a reset");
    }

    [Test]
    public void OpenStream_DownLeftAbsentCutPausedAndUp_OnlyConnectedDialsSendTheMessage()
    {
        const int nodes = 7;
        var arrivals = new List<(long, int)>();
        var streams = new RandomStreams(3);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(1 * Ms), loss: 0);
        var sim = new Simulation(nodes, streams, network, new ObservationHub(nodes, ["a", "stream"]), ctx => new Node(ctx, arrivals));
        for (int i = 0; i < nodes; i++)
            if (i != 3) sim.StartNode(i); // node 3 never starts
        sim.StopNode(1, NodeStatus.Crashed);
        sim.LeaveNode(2);
        sim.PauseNode(4, bufferCapacity: 10);
        network.EnableLinkFaults(nodes).Partition([5], LinkDirection.In);
        var dialer = (Node)sim.NodeAt(0)!;
        for (int to = 1; to < nodes; to++) dialer.Dial(to, 10 * S);
        sim.Run(50 * Ms);
        sim.ResumeNode(4);
        sim.Run(100 * Ms);

        var traffic = sim.Observations.Traffic;
        // Crashed and cut: no answer, SYNs at 0, 1, 3 and 7 s before the 10 s timeout; left and
        // never started: refused, one SYN; paused and up: connected, the whole message.
        const int expected = 240 + 60 + 60 + Size + 240 + Size;
        Assert.That((traffic[0].BytesSent, traffic[0].MessagesSent), Is.EqualTo(((long)expected, 2L)));
        Assert.That((traffic.BytesSentByType[1], traffic.MessagesSentByType[1]), Is.EqualTo(((long)expected, 2L)));
        Assert.That(network.MessagesCut, Is.EqualTo(1), "the dial across the cut");
        Assert.That(arrivals, Is.EqualTo(new[] { (3 * Ms, 6), (50 * Ms, 4) }), "three latencies to the node up; the paused node reads its message when it wakes");
    }
}
