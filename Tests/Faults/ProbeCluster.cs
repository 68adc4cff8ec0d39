using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Faults;

/// <summary>
/// Nodes that do only what the test tells them (send, set a timer) and log everything they handle,
/// over a constant-latency network: for exact checks of pause, partition and isolation.
/// </summary>
public sealed class ProbeCluster
{
    /// <param name="nodes">Node ids, 0 to nodes - 1.</param>
    /// <param name="latencyUs">Every message's one-way latency, unless a network is given.</param>
    /// <param name="seed">The run's root seed.</param>
    /// <param name="network">A network of the test's own instead of the constant-latency one.</param>
    /// <param name="startAll">How many nodes (ids 0..) start at once; null = all.</param>
    public ProbeCluster(int nodes, long latencyUs = 1_000, ulong seed = 1, NetworkModel? network = null, int? startAll = null)
    {
        var streams = new RandomStreams(seed);
        Network = network ?? new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(latencyUs), 0);
        Simulation = new Simulation(nodes, streams, Network, new ObservationHub(nodes, ["probe"]), ctx => new ProbeNode(ctx, Handled));
        for (int i = 0; i < (startAll ?? nodes); i++) Simulation.StartNode(i);
    }

    /// <summary>
    /// Three nodes 1 ms apart; node 2 paused at time 0 (waking in <paramref name="wake"/> order when
    /// resumed) with a timer due at 5 ms (tag 100), while messages 1, 2 and 3 reach it at 1, 4 and
    /// 8 ms; run to 20 ms, node 2 still paused.
    /// </summary>
    public static ProbeCluster PausedWhileWorkArrives(WakeOrder wake)
    {
        const long ms = 1_000;
        var c = new ProbeCluster(3, latencyUs: 1 * ms);
        var sim = c.Simulation;
        c.Node(2).Timer(5 * ms, tag: 100);
        sim.PauseNode(2, bufferCapacity: 10, wake);
        c.Node(0).SendTo(2, 1);
        sim.Run(3 * ms);
        c.Node(1).SendTo(2, 2);
        sim.Run(7 * ms);
        c.Node(0).SendTo(2, 3);
        sim.Run(20 * ms);
        return c;
    }

    public Simulation Simulation { get; }

    public NetworkModel Network { get; }

    /// <summary>(time, handler node, "msg" or "timer", message A field or timer tag), in handling order.</summary>
    public List<(long TimeUs, int Node, string What, long Value)> Handled { get; } = new();

    public ProbeNode Node(int id) => (ProbeNode)Simulation.NodeAt(id)!;

    public sealed class ProbeNode(INodeContext context, List<(long, int, string, long)> log) : ProtocolNode(context)
    {
        public override void Start() { }

        public override void OnTimer(int kind, long tag) => log.Add((Context.NowUs, Context.Id, "timer", tag));

        /// <summary>Per message handled, in order, how long it waited in this node's handling queue (<see cref="INodeContext.QueueWaitUs"/>).</summary>
        public List<long> QueueWaits { get; } = new();

        public override void OnMessage(in Message message)
        {
            log.Add((Context.NowUs, Context.Id, "msg", message.A));
            QueueWaits.Add(Context.QueueWaitUs);
        }

        public void SendTo(int to, long value, int sizeBytes = 10) => Context.Send(to, new Message { Type = 0, SizeBytes = sizeBytes, A = value });

        public void Timer(long delayUs, long tag) => Context.SetTimer(1, delayUs, tag);
    }
}
