using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Network;

/// <summary>
/// A reusable payload counts as in flight while any copy of a message carrying it waits (sent,
/// duplicated, held for a paused node) and stops when the last is handled or dropped: the
/// guarantee that lets the heartbeat family reuse its ACK buffers and send its version array itself.
/// </summary>
public class ReusablePayloadTests
{
    private const long Ms = 1_000;

    private sealed class Payload : ReusablePayload
    {
        public Payload(ReusablePayload? source = null) => Source = source;

        public void ReadFrom(ReusablePayload source) => Source = source;
    }

    /// <summary>Sends what the test says; on each message logs whether its payload was still in flight.</summary>
    private sealed class Node(INodeContext context, List<bool> seenInFlight) : ProtocolNode(context)
    {
        public override void Start() { }

        public override void OnTimer(int kind, long tag) { }

        public override void OnMessage(in Message message) => seenInFlight.Add(((Payload)message.Payload!).InFlight);

        public void Send(int to, Payload payload) => Context.Send(to, new Message { SizeBytes = 10, Payload = payload });
    }

    private static (Simulation, List<bool>) Cluster(NetworkModel network, int nodes = 3)
    {
        var seen = new List<bool>();
        var streams = new RandomStreams(1);
        var sim = new Simulation(nodes, streams, network, new ObservationHub(nodes, ["m"]), ctx => new Node(ctx, seen));
        for (int i = 0; i < nodes; i++) sim.StartNode(i);
        return (sim, seen);
    }

    private static NetworkModel Plain(double loss = 0) => new(new Xoshiro256StarStar(1), new ConstantLatency(1 * Ms), loss);

    [Test]
    public void SentToTwoAndDuplicated_InFlightUntilTheLastOfFourCopiesIsHandled()
    {
        var network = new NetworkSetup { Duplicate = 1.0 }.Build(LatencySpec.Uniform(1 * Ms, 5 * Ms), 0, 3, new RandomStreams(2));
        var (sim, seen) = Cluster(network);
        var payload = new Payload();
        var sender = (Node)sim.NodeAt(0)!;
        sender.Send(1, payload);
        sender.Send(2, payload);
        Assert.That(payload.InFlight, Is.True);
        sim.Run(100 * Ms);
        Assert.That(network.MessagesDuplicated, Is.EqualTo(2));
        Assert.That(seen, Is.EqualTo(new[] { true, true, true, false }), "each handler sees the copies still waiting; the last sees none");
        Assert.That(payload.InFlight, Is.False);
    }

    /// <summary>Node 0 sends a payload to node 1, paused with a buffer of <paramref name="capacity"/> messages, and the message arrives.</summary>
    private static (Simulation, List<bool>, Payload) SentToAPausedNode(int capacity)
    {
        var (sim, seen) = Cluster(Plain());
        var payload = new Payload();
        sim.PauseNode(1, bufferCapacity: capacity);
        ((Node)sim.NodeAt(0)!).Send(1, payload);
        sim.Run(50 * Ms);
        return (sim, seen, payload);
    }

    [Test]
    public void HeldForAPausedNode_InFlightUntilItResumesAndHandlesIt()
    {
        var (sim, seen, payload) = SentToAPausedNode(capacity: 10);
        Assert.That((seen.Count, payload.InFlight), Is.EqualTo((0, true)), "arrived but held");
        sim.ResumeNode(1);
        sim.Run(60 * Ms);
        Assert.That((seen.Count, payload.InFlight), Is.EqualTo((1, false)));
    }

    [Test]
    public void DroppedByAFullPauseBuffer_NoLongerInFlight()
    {
        var (_, seen, payload) = SentToAPausedNode(capacity: 0);
        Assert.That((seen.Count, payload.InFlight), Is.EqualTo((0, false)));
    }

    [Test]
    public void LostOnTheWire_NeverInFlight()
    {
        var (sim, _) = Cluster(Plain(loss: 1.0));
        var payload = new Payload();
        ((Node)sim.NodeAt(0)!).Send(1, payload);
        Assert.That(payload.InFlight, Is.False);
    }

    [Test]
    public void Pool_RentsTheOldestPayloadAgainOnceDelivered_AndANewOneWhileItWaits()
    {
        var (sim, _) = Cluster(Plain());
        var pool = new PayloadPool<Payload>(() => new Payload());
        var sender = (Node)sim.NodeAt(0)!;
        var first = pool.Rent();
        sender.Send(1, first);
        var second = pool.Rent();
        Assert.That(second, Is.Not.SameAs(first), "the first is on its way");
        sender.Send(1, second);
        sim.Run(10 * Ms);
        Assert.That(pool.Rent(), Is.SameAs(first));
        Assert.That(pool.Rent(), Is.SameAs(second));
        Assert.That(pool.Count, Is.EqualTo(2));
    }

    [Test]
    public void ReadingFromASource_TheSourceIsInFlightWhileAnyReaderIs()
    {
        var (sim, seen) = Cluster(Plain());
        var table = new Payload();
        var first = new Payload(table);
        var second = new Payload(table);
        var sender = (Node)sim.NodeAt(0)!;
        sender.Send(1, first);
        sim.Run(500); // sent at 0, delivered at 1 ms
        sender.Send(2, second); // delivered at 1.5 ms
        sim.Run(1200);
        Assert.That((first.InFlight, second.InFlight, table.InFlight), Is.EqualTo((false, true, true)), "the first delivered, the second still reads the table");
        sim.Run(3 * Ms);
        Assert.That((seen.Count, table.InFlight), Is.EqualTo((2, false)));
    }

    [Test]
    public void Source_CannotChangeWhileInFlight()
    {
        var (sim, _) = Cluster(Plain());
        var payload = new Payload(new Payload());
        ((Node)sim.NodeAt(0)!).Send(1, payload);
        Assert.Throws<InvalidOperationException>(() => payload.ReadFrom(new Payload()), "its copies in flight would return counts to the wrong source");
        sim.Run(10 * Ms);
        Assert.DoesNotThrow(() => payload.ReadFrom(new Payload()));
    }
}
