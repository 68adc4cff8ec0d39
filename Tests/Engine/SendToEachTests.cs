using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

/// <summary>
/// A fanout's copies sent at once (<see cref="INodeContext.SendToEach"/>) must be exactly the
/// Sends one by one: the same losses, duplicates and arrival times (the network's draws in the
/// same order), and the same traffic counted.
/// </summary>
public class SendToEachTests
{
    private const long Ms = 1_000;
    private static readonly int[] Peers = [3, 1, 4, 2];

    /// <summary>Logs every arrival as (time, receiver, sender, round).</summary>
    private sealed class Node(INodeContext context, List<(long, int, int, long)> arrivals) : ProtocolNode(context)
    {
        public override void Start() { }

        public override void OnTimer(int kind, long tag) { }

        public override void OnMessage(in Message message) => arrivals.Add((Context.NowUs, Context.Id, message.From, message.A));

        public void Fanout(long round, bool atOnce)
        {
            var message = new Message { Type = 1, SizeBytes = 100 + (int)round, A = round };
            if (atOnce) Context.SendToEach(Peers, message);
            else foreach (int peer in Peers) Context.Send(peer, message);
        }
    }

    private static (List<(long, int, int, long)> Arrivals, Simulation Sim) Run(bool atOnce)
    {
        const int nodes = 5;
        var arrivals = new List<(long, int, int, long)>();
        var streams = new RandomStreams(7);
        var network = new NetworkSetup { Duplicate = 0.2 }.Build(LatencySpec.Uniform(1 * Ms, 10 * Ms), 0.3, nodes, streams);
        var sim = new Simulation(nodes, streams, network, new ObservationHub(nodes, ["a", "b"]), ctx => new Node(ctx, arrivals));
        for (int i = 0; i < nodes; i++) sim.StartNode(i);
        var sender = (Node)sim.NodeAt(0)!;
        for (long round = 0; round < 200; round++)
        {
            sender.Fanout(round, atOnce);
            sim.Run(sim.NowUs + 3 * Ms);
        }
        sim.Run(sim.NowUs + 20 * Ms);
        return (arrivals, sim);
    }

    [Test]
    public void SendToEach_LossyDuplicatingNetwork_SameArrivalsAndTrafficAsOneSendEach()
    {
        var (atOnce, simA) = Run(atOnce: true);
        var (oneByOne, simB) = Run(atOnce: false);
        Assert.That(atOnce, Has.Count.GreaterThan(400), "most of the 800 copies arrive");
        Assert.That(simA.Network.MessagesLost, Is.GreaterThan(100), "the network loses some");
        Assert.That(atOnce, Is.EqualTo(oneByOne));
        Assert.That((simA.Network.MessagesLost, simA.Network.MessagesDuplicated), Is.EqualTo((simB.Network.MessagesLost, simB.Network.MessagesDuplicated)));
        var (a, b) = (simA.Observations.Traffic, simB.Observations.Traffic);
        Assert.That((a[0].MessagesSent, a[0].BytesSent), Is.EqualTo((800L, 4L * (200 * 100 + 199 * 200 / 2))));
        Assert.That((a[0].MessagesSent, a[0].BytesSent), Is.EqualTo((b[0].MessagesSent, b[0].BytesSent)));
        Assert.That(a.BytesSentByType, Is.EqualTo(b.BytesSentByType));
        Assert.That(a.MessagesSentByType, Is.EqualTo(b.MessagesSentByType));
    }
}
