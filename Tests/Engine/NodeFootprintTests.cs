using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

/// <summary>
/// The loop prefetches as many cache lines of a coming event's node as a node's first start
/// allocated (<see cref="NodeFootprint"/>): the count follows the protocol's node size, the run's
/// first node (which also allocates what the runtime sets up lazily) does not inflate it, and it
/// stays within one to <see cref="NodeFootprint.MaxLines"/>.
/// </summary>
public class NodeFootprintTests
{
    /// <summary>The smallest size that turns prefetching on.</summary>
    private const int Nodes = 16_384;

    /// <summary>A node that allocates <paramref name="stateBytes"/> of state in its constructor (node 0 <paramref name="firstNodeBytes"/>).</summary>
    private sealed class Node(INodeContext context, int stateBytes, int firstNodeBytes) : ProtocolNode(context)
    {
        private readonly byte[] _state = new byte[context.Id == 0 ? firstNodeBytes : stateBytes];

        public int StateLength => _state.Length;

        public override void Start() { }

        public override void OnTimer(int kind, long tag) { }

        public override void OnMessage(in Message message) { }
    }

    private static Simulation Started(int stateBytes, int firstNodeBytes, int nodes = Nodes)
    {
        var streams = new RandomStreams(1);
        var network = new NetworkSetup().Build(LatencySpec.Uniform(1_000, 2_000), 0, nodes, streams);
        var sim = new Simulation(nodes, streams, network, new ObservationHub(nodes, ["a"]), ctx => new Node(ctx, stateBytes, firstNodeBytes));
        for (int i = 0; i < nodes; i++) sim.StartNode(i);
        return sim;
    }

    [Test]
    public void Record_TakesTheSmallestStartInWholeLinesWithinTheLimits()
    {
        var footprint = new NodeFootprint();
        Assert.That(footprint.Lines, Is.EqualTo(NodeFootprint.MaxLines), "nothing measured yet: the most");
        Assert.That(footprint.Record(2_600), Is.EqualTo(NodeFootprint.MaxLines), "a large start is capped");
        Assert.That(footprint.Record(216), Is.EqualTo(4), "216 B span four lines");
        Assert.That(footprint.Record(656), Is.EqualTo(4), "a larger start later does not raise it");
        Assert.That(footprint.Record(64), Is.EqualTo(1));
        Assert.That(new NodeFootprint().Record(65), Is.EqualTo(2));
    }

    [Test]
    public void Simulation_PrefetchesWhatANodeAllocates_NotWhatTheFirstNodeAllocates()
    {
        var small = Started(stateBytes: 8, firstNodeBytes: 8);
        var larger = Started(stateBytes: 200, firstNodeBytes: 200);
        var firstLarge = Started(stateBytes: 8, firstNodeBytes: 4_000);
        var huge = Started(stateBytes: 4_000, firstNodeBytes: 4_000);

        Assert.That(small.HostPrefetchLines, Is.InRange(2, 5), "host, random stream, node and an 8-byte array");
        Assert.That(larger.HostPrefetchLines, Is.EqualTo(small.HostPrefetchLines + 3), "192 more bytes of state: three more lines");
        Assert.That(firstLarge.HostPrefetchLines, Is.EqualTo(small.HostPrefetchLines), "the first node's extra allocation does not count");
        Assert.That(huge.HostPrefetchLines, Is.EqualTo(NodeFootprint.MaxLines));
        Assert.That(((Node)huge.NodeAt(1)!).StateLength, Is.EqualTo(4_000), "the nodes did allocate their state");
    }

    [Test]
    public void Simulation_BelowThePrefetchSize_MeasuresNothing()
    {
        var sim = Started(stateBytes: 8, firstNodeBytes: 8, nodes: Nodes - 1);
        Assert.That(sim.HostPrefetchLines, Is.EqualTo(NodeFootprint.MaxLines), "no prefetch, nothing measured");
    }
}
