using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Ring;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// A heartbeat cluster driven directly: a scripted network (delay per message from the script,
/// null = lost), every membership emission recorded, every message handled counted, nodes started,
/// crashed and run by the test; with <c>ring</c>, every node carries the ring's state, as a run with
/// <c>ring:</c> does.
/// </summary>
public sealed class HeartbeatCluster
{
    /// <summary>Latency far beyond any test's end: the message is lost.</summary>
    public const long LostUs = long.MaxValue / 4;

    private readonly ScriptedLatency _latency;

    public HeartbeatCluster(HeartbeatConfig config, Func<int, int, long, long?> delayUs, ulong seed = 1, Func<ObservationKind, bool>? record = null,
        RingSettings? ring = null, double loss = 0)
    {
        var streams = new RandomStreams(seed);
        _latency = new ScriptedLatency(delayUs);
        Network = new NetworkModel(streams.For(StreamPurpose.Network), _latency, loss);
        Hub = new ObservationHub(config.NodeCount, config.MessageTypes);
        Handled = new HandledMessages(config.NodeCount, config.MessageTypes.Count);
        var create = config.NodeFactory();
        var registry = ring is null ? null : new RingRegistry(ring, config.NodeCount, streams.For(StreamPurpose.Ring));
        Simulation = new Simulation(config.NodeCount, streams, Network, Hub, context =>
        {
            var node = (HeartbeatNode)create(context);
            if (registry is not null) node.AttachRing(registry);
            return new CountingNode(context, node, Handled);
        });
        _latency.Now = () => Simulation.NowUs;
        Hub.TrackMembership(Simulation.Status);
        Hub.AddMembershipTracker(Log = new EmissionLog(record ?? (_ => true)));
    }

    public Simulation Simulation { get; }

    /// <summary>The run's network: its counts of lost and cut messages, and its link faults.</summary>
    public NetworkModel Network { get; }

    /// <summary>Messages the nodes have handled, by sender, receiver and type.</summary>
    public HandledMessages Handled { get; }

    public ObservationHub Hub { get; }

    public EmissionLog Log { get; }

    public HeartbeatNode Node(int id) => ((CountingNode)Simulation.NodeAt(id)!).Inner;

    public void StartAll()
    {
        for (int i = 0; i < Simulation.NodeCount; i++) Simulation.StartNode(i);
    }

    /// <summary>Counts of handled messages by (sender, receiver, type).</summary>
    public sealed class HandledMessages(int nodes, int types)
    {
        private readonly long[] _counts = new long[nodes * nodes * types];

        public void Add(int from, int to, int type) => _counts[(from * nodes + to) * types + type]++;

        /// <summary>Messages of <paramref name="type"/> handled between the pairs <paramref name="pair"/> (sender, receiver) selects.</summary>
        public long Of(int type, Func<int, int, bool> pair)
        {
            long sum = 0;
            for (int from = 0; from < nodes; from++)
                for (int to = 0; to < nodes; to++)
                    if (pair(from, to)) sum += _counts[(from * nodes + to) * types + type];
            return sum;
        }

        /// <summary>Every message of <paramref name="type"/> handled.</summary>
        public long Of(int type) => Of(type, (_, _) => true);
    }

    /// <summary>A heartbeat node that counts each message before handling it.</summary>
    private sealed class CountingNode(INodeContext context, HeartbeatNode inner, HandledMessages handled) : ProtocolNode(context)
    {
        public HeartbeatNode Inner => inner;

        public override void Start() => inner.Start();

        public override void OnTimer(int kind, long tag) => inner.OnTimer(kind, tag);

        public override void OnMessage(in Message message)
        {
            handled.Add(message.From, Context.Id, message.Type);
            inner.OnMessage(message);
        }

        public override LeaveProgress OnLeave() => inner.OnLeave();

        public override void OnStopped() => inner.OnStopped();
    }

    public sealed record Emission(long TimeUs, int Observer, ObservationKind Kind, int Subject, long Value);

    public sealed class EmissionLog(Func<ObservationKind, bool> record) : IMembershipTracker
    {
        public List<Emission> All { get; } = new();

        public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
        {
            if (record(kind)) All.Add(new Emission(nowUs, observer, kind, subject, value));
        }

        public void OnNodeStarted(int node, long nowUs) { }

        public void OnNodeStopped(int node, long nowUs, NodeStatus why) { }

        public Emission? First(int observer, ObservationKind kind, int subject, long afterUs = 0) =>
            All.FirstOrDefault(e => e.Observer == observer && e.Kind == kind && e.Subject == subject && e.TimeUs >= afterUs);
    }

    private sealed class ScriptedLatency(Func<int, int, long, long?> delayUs) : LatencyModel
    {
        public Func<long> Now { get; set; } = () => 0;

        public override long SampleUs(int from, int to) => delayUs(from, to, Now()) ?? LostUs;

        public override long QuantileUs(double u) => throw new NotSupportedException("scripted delays have no distribution");

        public override double MeanUs => double.NaN;
    }
}
