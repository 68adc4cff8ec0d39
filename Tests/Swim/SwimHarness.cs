using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Swim;

/// <summary>
/// Drives a Simulation of swim nodes directly: constant latency, optional loss, a recorder of
/// every emission, and a scripted wire. The wire is a decorator of each node's context, so the
/// engine and network stay untouched: a rule returns 0 to pass a message, a negative value to
/// drop it, or a positive delay to hold it that long before it enters the network (a timer of
/// kind 7 with a tag SwimNode's own timers of that kind never reach).
/// </summary>
internal sealed class SwimHarness : IMembershipTracker
{
    // A SWIM node uses all eight timer kinds: a held message's release shares the kind of its join
    // timeout, told apart by a tag no join reaches.
    private const int ReleaseTimer = 7;
    private const long ReleaseTag = 1L << 62;

    private readonly List<(int To, Message Message)> _held = new();

    private readonly Func<INodeContext, ProtocolNode> _createNode;

    public SwimHarness(SwimConfig config, ulong seed, long latencyUs = 1_000, double loss = 0)
    {
        Config = config;
        _createNode = config.NodeFactory();
        var streams = new RandomStreams(seed);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(latencyUs), loss);
        var hub = new ObservationHub(config.NodeCount, config.MessageTypes);
        hub.AddMembershipTracker(this);
        Sim = new Simulation(config.NodeCount, streams, network, hub, ctx => new HookedNode(ctx, this));
    }

    public SwimConfig Config { get; }

    public Simulation Sim { get; }

    public List<Observed> Observations { get; } = new();

    /// <summary>(from, to, message) → 0 pass, &lt; 0 drop, &gt; 0 hold for that many µs.</summary>
    public Func<int, int, Message, long>? Wire { get; set; }

    /// <summary>(from, to, message) of every stream message (push-pull, TCP ping) as it is sent; streams are not scripted.</summary>
    public Action<int, int, Message>? OnStream { get; set; }

    /// <summary>Called inside the emitting node's handler, so it can read that node's state at that instant.</summary>
    public Action<Observed>? OnObserved { get; set; }

    public TrafficMeter Traffic => Sim.Observations.Traffic;

    /// <summary>Messages handed to the nodes so far (the engine counts only what is sent).</summary>
    public long MessagesReceived { get; private set; }

    public SwimNode Node(int id) => ((HookedNode)Sim.NodeAt(id)!).Inner;

    public void StartAll()
    {
        for (int i = 0; i < Config.NodeCount; i++) Sim.StartNode(i);
    }

    public void Crash(int id) => Sim.StopNode(id, NodeStatus.Crashed);

    public void Leave(int id)
    {
        Node(id).OnLeave();
        Sim.StopNode(id, NodeStatus.Left);
    }

    public void RunUntil(long timeUs) => Sim.Run(timeUs);

    public IEnumerable<Observed> Of(ObservationKind kind, int subject) => Observations.Where(o => o.Kind == kind && o.Subject == subject);

    void IMembershipTracker.Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        var o = new Observed(observer, nowUs, kind, subject, value);
        Observations.Add(o);
        OnObserved?.Invoke(o);
    }

    void IMembershipTracker.OnNodeStarted(int node, long nowUs) { }

    void IMembershipTracker.OnNodeStopped(int node, long nowUs, NodeStatus why) { }

    private sealed class HookedNode : ProtocolNode
    {
        private readonly SwimHarness _harness;

        public HookedNode(INodeContext context, SwimHarness harness) : base(context)
        {
            _harness = harness;
            Inner = (SwimNode)harness._createNode(new HookedContext(context, harness));
        }

        public SwimNode Inner { get; }

        public override void Start() => Inner.Start();

        public override void OnTimer(int kind, long tag)
        {
            if (kind != ReleaseTimer || tag < ReleaseTag)
            {
                Inner.OnTimer(kind, tag);
                return;
            }
            var (to, message) = _harness._held[(int)(tag - ReleaseTag)];
            Context.Send(to, message);
        }

        public override void OnMessage(in Message message)
        {
            _harness.MessagesReceived++;
            Inner.OnMessage(message);
        }

        public override LeaveProgress OnLeave() => Inner.OnLeave();

        public override void OnStopped() => Inner.OnStopped();
    }

    private sealed class HookedContext(INodeContext real, SwimHarness harness) : INodeContext
    {
        public int Id => real.Id;

        public long NowUs => real.NowUs;

        public Xoshiro256StarStar Random => real.Random;

        public void Send(int to, in Message message)
        {
            long verdict = harness.Wire?.Invoke(real.Id, to, message) ?? 0;
            if (verdict < 0) return;
            if (verdict == 0)
            {
                real.Send(to, message);
                return;
            }
            harness._held.Add((to, message));
            real.SetTimer(ReleaseTimer, verdict, ReleaseTag + harness._held.Count - 1);
        }

        public void SendStream(int to, in Message message, int legs)
        {
            harness.OnStream?.Invoke(real.Id, to, message);
            real.SendStream(to, message, legs);
        }

        public bool OpenStream(int to, in Message message, long dialTimeoutUs)
        {
            harness.OnStream?.Invoke(real.Id, to, message);
            return real.OpenStream(to, message, dialTimeoutUs);
        }

        public void SetTimer(int kind, long delayUs, long tag = 0) => real.SetTimer(kind, delayUs, tag);

        public void CancelTimers(int kind) => real.CancelTimers(kind);

        public void Exit() => real.Exit();

        public void Emit(ObservationKind kind, int subject, long value = 0) => real.Emit(kind, subject, value);
    }
}
