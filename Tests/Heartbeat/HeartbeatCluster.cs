using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Ring;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// A heartbeat cluster driven directly: a scripted network (delay per message from the script,
/// null = lost), every membership emission recorded, nodes started, crashed and run by the test;
/// with <c>ring</c>, every node carries the ring's state, as a run with <c>ring:</c> does.
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
        var network = new NetworkModel(streams.For(StreamPurpose.Network), _latency, loss);
        Hub = new ObservationHub(config.NodeCount, config.MessageTypes);
        var create = config.NodeFactory();
        var registry = ring is null ? null : new RingRegistry(ring, config.NodeCount, streams.For(StreamPurpose.Ring));
        Simulation = new Simulation(config.NodeCount, streams, network, Hub, registry is null ? create : context =>
        {
            var node = (HeartbeatNode)create(context);
            node.AttachRing(registry);
            return node;
        });
        _latency.Now = () => Simulation.NowUs;
        Hub.TrackMembership(Simulation.Status);
        Hub.AddMembershipTracker(Log = new EmissionLog(record ?? (_ => true)));
    }

    public Simulation Simulation { get; }

    public ObservationHub Hub { get; }

    public EmissionLog Log { get; }

    public HeartbeatNode Node(int id) => (HeartbeatNode)Simulation.NodeAt(id)!;

    public void StartAll()
    {
        for (int i = 0; i < Simulation.NodeCount; i++) Simulation.StartNode(i);
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
