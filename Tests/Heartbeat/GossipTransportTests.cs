using GossipSim.Scenarios;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// What carries the gossip exchange (<c>protocol.transport</c>). Cassandra sends GOSSIP_DIGEST_SYN,
/// ACK and ACK2 through MessagingService on the internode TCP connection (docs/references.md §2),
/// so under the cassandra preset random loss loses none of them and only a cut stops them; the
/// plain heartbeat kind keeps datagrams, which random loss drops. Every message is counted as sent
/// (the traffic meter) and as handled (<see cref="HeartbeatCluster.Handled"/>); with one constant
/// latency, the messages handled by one latency after an instant are exactly those sent by it.
/// </summary>
public class GossipTransportTests
{
    private const long S = 1_000_000;
    private const long LatencyUs = 1_000;
    private const int Nodes = 10;
    private const double Loss = 0.05;
    private static readonly int[] Exchange = [HeartbeatMessageType.Syn, HeartbeatMessageType.Ack, HeartbeatMessageType.Ack2];

    /// <summary>The heartbeat setup a scenario's protocol map compiles to, for <see cref="Nodes"/> nodes.</summary>
    private static HeartbeatConfig Compile(string protocol) => (HeartbeatConfig)ProtocolCompiler.Compile(ScenarioLoader.Parse(
        $"scenarios:\n  - name: a\n    nodes: {Nodes}\n    protocol: {protocol}\n", "transport.yaml").Points.Single());

    private static HeartbeatCluster Cluster(string protocol) =>
        new(Compile(protocol), (_, _, _) => LatencyUs, seed: 7, loss: Loss);

    /// <summary>Runs to <paramref name="endUs"/> and one latency more: the messages of <paramref name="types"/> sent by <paramref name="endUs"/>, and how many of them were handled.</summary>
    private static (long Sent, long Handled) SentAndHandled(HeartbeatCluster c, long endUs, int[] types)
    {
        c.Simulation.Run(endUs);
        long sent = types.Sum(type => c.Hub.Traffic.MessagesSentByType[type]);
        c.Simulation.Run(endUs + LatencyUs);
        return (sent, types.Sum(type => c.Handled.Of(type)));
    }

    [TestCase("{preset: cassandra}", true)]
    [TestCase("{preset: cassandra, transport: udp}", false)]
    [TestCase("{kind: heartbeat}", false)]
    public void RandomLoss_FivePercent_LosesTheExchangeOnlyOverDatagrams(string protocol, bool overTcp)
    {
        var c = Cluster(protocol);
        c.StartAll();
        var (sent, handled) = SentAndHandled(c, 60 * S, Exchange);
        // 10 nodes exchange about 600 SYNs in 60 s, each answered by an ACK and an ACK2.
        Assert.That(sent, Is.GreaterThan(1500));
        if (overTcp) Assert.That(handled, Is.EqualTo(sent), "every SYN, ACK and ACK2 handled");
        else
        {
            // Each datagram is lost with P = 0.05 on its own (a lost SYN also sends no ACK): over
            // about 1,700 the share lost has a standard deviation near 0.5%, so 3-7% is four of them.
            double lost = 1 - (double)handled / sent;
            Assert.That(lost, Is.InRange(0.03, 0.07), $"{sent - handled} of {sent} lost");
        }
    }

    [Test]
    public void Partition_TcpTransport_CutsTheExchangeAcrossItAndLosesNothingElse()
    {
        // Nodes 7-9 cut off both ways from 20 s to 40 s, at 5% random loss: the cut stops every
        // message across it (the TCP connection is down), random loss none. Every message sent is
        // handled or counted as cut; nothing crosses the cut while it lasts.
        var c = Cluster("{preset: cassandra}");
        int[] group = [7, 8, 9];
        bool Across(int from, int to) => group.Contains(from) != group.Contains(to);
        c.StartAll();
        c.Simulation.Run(20 * S);
        var cut = c.Network.EnableLinkFaults(Nodes).Partition(group, LinkDirection.Both);
        // Messages sent before the cut are still in flight for one latency.
        c.Simulation.Run(20 * S + LatencyUs);
        long acrossBefore = Exchange.Sum(type => c.Handled.Of(type, Across));
        c.Simulation.Run(40 * S);
        long acrossDuring = Exchange.Sum(type => c.Handled.Of(type, Across)) - acrossBefore;
        c.Network.Links!.Remove(cut);
        // The preset's ECHOs go over TCP as well, so every message of the run is handled or cut.
        int[] everyType = [.. Enumerable.Range(0, HeartbeatMessageType.Names.Count)];
        var (sent, handled) = SentAndHandled(c, 60 * S, everyType);
        Assert.That(acrossBefore, Is.GreaterThan(0), "gossip crossed before the cut");
        Assert.That(acrossDuring, Is.Zero, "no gossip crosses the cut");
        Assert.That(c.Network.MessagesCut, Is.GreaterThan(0));
        Assert.That(sent - handled, Is.EqualTo(c.Network.MessagesCut), "sent = handled + cut");
        Assert.That(Exchange.Sum(type => c.Handled.Of(type, Across)), Is.GreaterThan(acrossBefore), "gossip crosses again after the heal");
    }
}
