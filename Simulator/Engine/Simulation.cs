using System.Runtime.CompilerServices;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Wire;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// The discrete-event loop of one run: a virtual microsecond clock, event queues, the nodes'
/// state machines, the network between them and the trackers watching. Deterministic: same inputs
/// and seed, same sequence of events. Sequential by default; a run split into lanes handles each
/// lane's nodes on a thread of its own, window by window, with the same results (see the Windows part).
/// </summary>
public sealed partial class Simulation
{
    /// <summary>The lanes of the run's nodes: one in a sequential run, one per thread in a split run.</summary>
    private readonly EventLane[] _lanes;
    /// <summary>A node's lane is ((node + <see cref="_laneOffset"/>) * this) >> 32: its block of contiguous ids (<see cref="LaneIndexOf"/>). Zero in a sequential run.</summary>
    private readonly ulong _laneScale;
    /// <summary>
    /// Node ids the lanes are laid out as if lane 0 held them too: lane 0 holds that many fewer
    /// nodes than the others, because its thread also carries out each window's calls while the
    /// others handle theirs (<see cref="FollowCarryingOut"/>).
    /// </summary>
    private readonly uint _laneOffset;
    /// <summary>
    /// Lane 0 is lighter by this fraction of the nodes (at most half a lane's share): the carrying
    /// out of a rumor run costs about a tenth of its handling, and lane 0's thread is balanced
    /// against the others when its share is lighter by the carrying out's.
    /// </summary>
    private const int LaneZeroLighterBy = 8;

    /// <summary>The driver's events: the only lane's queue in a sequential run, a queue of their own in a split one.</summary>
    private readonly EventQueue _driverQueue;
    /// <summary>
    /// True in a split run. A sequential run reaches its one lane's stores through the fields
    /// below, without working out a node's lane: a few instructions on every event of the loop.
    /// </summary>
    private readonly bool _split;
    private readonly EventQueue _queue;
    private readonly MessageStore _messages;
    private readonly TimerTagStore _timerTags;
    /// <summary>
    /// Per node: its context, created when it first starts (null before), right before its protocol
    /// node, so that the allocator places host, random stream and node state side by side: at a
    /// million nodes each event lands on a random node, and adjacent objects share cache lines and a page.
    /// </summary>
    private readonly NodeHost?[] _hosts;
    /// <summary>
    /// Per node: its running protocol node (null before it first starts and while stopped). Events
    /// go to it from here, a load fewer than through its host: the chain of loads before a handler
    /// runs is most of an event's cost at 1,200 nodes.
    /// </summary>
    private readonly ProtocolNode?[] _nodes;
    private readonly NetworkModel _network;
    /// <summary>
    /// The state the thread that orders the run writes on every event or call: the sequence
    /// counter and the clock, and while a split run carries out a window's calls, the place of the
    /// message being carried out (<see cref="IncomingEvents.Source"/>; -1 otherwise, when arrivals
    /// go straight into their lanes). In a split run that thread carries out one window while the
    /// other lanes handle the next and read this object's other fields on every event
    /// (<see cref="CacheLineAlone{T}"/>).
    /// </summary>
    private CacheLineAlone<Ordering> _ordering;

    private struct Ordering
    {
        public long Sequence;
        public long NowUs;
        public int CarriedMessage;
    }
    /// <summary>
    /// Cache lines prefetched from a node's host on: the host, its random stream, then the protocol
    /// node and the objects it allocated, as many lines as a node's start allocated
    /// (<see cref="NodeFootprint"/>). One count cannot serve every family: a bw1 node spans 216 B
    /// and runs fastest with 4 lines, where a SWIM node spans 504 B and its gossip tick, half of a
    /// quiet cluster's events, reads the broadcast queue allocated at its end.
    /// </summary>
    private int _hostPrefetchLines = NodeFootprint.MaxLines;
    private readonly NodeFootprint _footprint = new();

    /// <summary>Cache lines the loop prefetches of a coming event's node, from its host on.</summary>
    internal int HostPrefetchLines => _hostPrefetchLines;
    /// <summary>
    /// From this many nodes the loop prefetches the coming events' node state. Smaller clusters
    /// stay in cache, where the hints would only add instructions to every event; past this size
    /// node state spills out of cache and each event's chain of misses is what the hints hide.
    /// </summary>
    private const int PrefetchFromNodes = 16_384;
    private readonly bool _prefetch;
    private IScenarioDriver? _driver;
    /// <summary>What paused nodes hold until they resume.</summary>
    private readonly PausedNodes _paused;
    /// <summary>The handling queues of slow nodes.</summary>
    private readonly SlowNodes _slow;

    /// <summary>How long the message being handled waited in its slow node's handling queue before its turn (<see cref="INodeContext.QueueWaitUs"/>); 0 for any other.</summary>
    private long _queueWaitUs;
    /// <summary>
    /// Nodes asked to leave whose protocol completes the leave itself (<see cref="ProtocolNode.OnLeave"/>):
    /// they run on until they exit, and that exit ends their leave.
    /// </summary>
    private readonly HashSet<int> _leaving = new();
    /// <summary>Of <see cref="_leaving"/>: those out of the membership already, their process running on (<see cref="LeaveProgress.LeftRunningOn"/>).</summary>
    private readonly HashSet<int> _leftMembership = new();

    /// <param name="nodeCount">Node ids of the run, 0 to nodeCount - 1.</param>
    /// <param name="streams">The run's random streams, one per purpose.</param>
    /// <param name="network">Latency, loss and the optional network models.</param>
    /// <param name="observations">The trackers that watch the run.</param>
    /// <param name="nodeFactory">Makes the protocol node for each id when it starts.</param>
    /// <param name="roundUs">The protocol's round (<see cref="IProtocolSetup.RoundUs"/>): the event queue reaches that far (0: its default reach).</param>
    /// <param name="split">Splits the run across threads; null runs it on the calling thread alone.</param>
    public Simulation(int nodeCount, RandomStreams streams, NetworkModel network, ObservationHub observations,
        Func<INodeContext, ProtocolNode> nodeFactory, long roundUs = 0, LaneSplit? split = null)
    {
        Streams = streams;
        _ordering.Value.CarriedMessage = -1;
        _network = network;
        Observations = observations;
        Status = new NodeStatus[nodeCount];
        _hosts = new NodeHost?[nodeCount];
        _nodes = new ProtocolNode?[nodeCount];
        _prefetch = nodeCount >= PrefetchFromNodes;
        if (split is null)
        {
            _lanes = [new EventLane(EventQueue.ForNodes(nodeCount, roundUs), nodeFactory)];
            _driverQueue = _lanes[0].Queue;
        }
        else
        {
            if (split.Lanes < 2 || split.Lanes > Math.Min(nodeCount, MaxLanes)) throw new ArgumentOutOfRangeException(nameof(split), $"a split run needs 2 to {MaxLanes} lanes, at most one a node");
            if (split.WindowUs < 1) throw new ArgumentOutOfRangeException(nameof(split), "a split run needs a window of at least 1 us");
            int perLane = (nodeCount + split.Lanes - 1) / split.Lanes;
            _lanes = new EventLane[split.Lanes];
            for (int i = 0; i < _lanes.Length; i++)
                _lanes[i] = new EventLane(EventQueue.ForNodes(perLane, roundUs), split.NodeFactory());
            _logs = [NewLogs(split.Lanes), NewLogs(split.Lanes)];
            _incoming = new IncomingEvents[split.Lanes];
            for (int i = 0; i < _incoming.Length; i++) _incoming[i] = new IncomingEvents();
            _laneOffset = (uint)Math.Min(nodeCount / LaneZeroLighterBy, nodeCount / split.Lanes / 2);
            _laneScale = ((ulong)split.Lanes << 32) / (ulong)(nodeCount + _laneOffset);
            _driverQueue = new EventQueue();
            _windowUs = split.WindowUs;
            _split = true;
        }
        (_queue, _messages, _timerTags) = (_lanes[0].Queue, _lanes[0].Messages, _lanes[0].TimerTags);
        _paused = new PausedNodes(nodeCount, _messages, _timerTags);
        _slow = new SlowNodes(nodeCount);
    }

    /// <summary>
    /// The run's clock: the time of the event being handled. In a split run, each lane keeps its own
    /// while it handles a window (<see cref="EventLane.NowUs"/>); this one is the time of the calls
    /// being carried out, or of the driver's instant.
    /// </summary>
    public long NowUs
    {
        get => _ordering.Value.NowUs;
        private set => _ordering.Value.NowUs = value;
    }

    /// <summary>Events handled by the calling thread (all of a sequential run's).</summary>
    private long _eventsProcessed;

    public long EventsProcessed
    {
        get
        {
            long events = _eventsProcessed;
            if (_split)
                foreach (var lane in _lanes) events += lane.EventsProcessed;
            return events;
        }
    }

    /// <summary>Threads the run is split across (1: sequential).</summary>
    public int Lanes => _lanes.Length;

    /// <summary>The most lanes a run splits into (a held delivery names its sender's lane in <see cref="IncomingEvents.LaneBits"/> bits).</summary>
    public const int MaxLanes = 1 << IncomingEvents.LaneBits;

    /// <summary>The index of a node's lane: the block of contiguous ids it belongs to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LaneIndexOf(int node) => (int)(((ulong)((uint)node + _laneOffset) * _laneScale) >> 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private EventLane LaneOf(int node) => _lanes[LaneIndexOf(node)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private EventQueue QueueOf(int node) => _split ? LaneOf(node).Queue : _queue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MessageStore MessagesOf(int node) => _split ? LaneOf(node).Messages : _messages;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TimerTagStore TimerTagsOf(int node) => _split ? LaneOf(node).TimerTags : _timerTags;

    public int NodeCount => _hosts.Length;

    public RandomStreams Streams { get; }

    public ObservationHub Observations { get; }

    public NetworkModel Network => _network;

    /// <summary>Ground truth: each node's real state. Read by drivers and trackers only.</summary>
    public NodeStatus[] Status { get; }

    public ProtocolNode? NodeAt(int id) => _nodes[id];

    public void SetDriver(IScenarioDriver driver) => _driver = driver;

    public void ScheduleAction(long atUs, int action, int argument = 0) => _driverQueue.Push(Next(atUs, EventKind.Driver, argument, action));

    /// <summary>
    /// Sets aside <paramref name="count"/> sequence numbers for driver actions that will be
    /// scheduled one at a time later (<see cref="ScheduleReservedAction"/>). A periodic action
    /// scheduled lazily this way keeps the place among ties it would have had if all its events had
    /// been queued now, so its results are the same, while the queue holds one event of it, not
    /// one per period of the whole run.
    /// </summary>
    public long ReserveSequences(long count)
    {
        if (count < 0 || count > MaxSequence - _ordering.Value.Sequence) throw new ArgumentOutOfRangeException(nameof(count), "more events than a run can order");
        long first = _ordering.Value.Sequence;
        _ordering.Value.Sequence += count;
        return first;
    }

    /// <summary>Schedules a driver action with a sequence number set aside by <see cref="ReserveSequences"/>.</summary>
    public void ScheduleReservedAction(long atUs, int action, long sequence)
    {
        SimEvent e;
        e.TimeUs = atUs;
        e.SequenceAndKind = (sequence << 8) | (byte)EventKind.Driver;
        e.Node = 0;
        e.Arg = action;
        _driverQueue.Push(e);
    }

    /// <summary>The last real sequence number: the numbers above it order the timers a split run sets and handles within one window (<see cref="WindowLog.FirstProvisional"/>).</summary>
    private const long MaxSequence = WindowLog.FirstProvisional - 1;

    /// <summary>Messages that reached a paused node whose buffer was full, and were dropped.</summary>
    public long PauseDrops => _paused.Drops;

    /// <summary>Messages that reached a slow node whose handling queue was full, and were dropped.</summary>
    public long SlowDrops => _slow.Drops;

    /// <summary>Starts (or restarts, with fresh state) a node's process now.</summary>
    public void StartNode(int id)
    {
        _paused.Discard(id);
        // The host (and with it the node's random stream) lives from the first start on: a restart keeps drawing from the same stream.
        var lane = LaneOf(id);
        bool measureFootprint = _prefetch && _hosts[id] is null;
        long allocatedBefore = measureFootprint ? GC.GetAllocatedBytesForCurrentThread() : 0;
        var host = _hosts[id] ??= _split ? new SplitNodeHost(this, lane, id) : new NodeHost(this, id);
        InvalidateTimers(id);
        Status[id] = NodeStatus.Up;
        var node = _nodes[id] = lane.NodeFactory(host);
        if (measureFootprint) _hostPrefetchLines = _footprint.Record(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        Observations.OnNodeStarted(id, NowUs);
        node.Start();
    }

    /// <summary>Stops a node's process: its timers die with it and its state is lost.</summary>
    public void StopNode(int id, NodeStatus why)
    {
        _leaving.Remove(id);
        _leftMembership.Remove(id);
        _paused.Discard(id);
        _slow.OnStopped(id);
        Status[id] = why;
        InvalidateTimers(id);
        _nodes[id]?.OnStopped();
        _nodes[id] = null;
        Observations.OnNodeStopped(id, NowUs, why);
    }

    /// <summary>
    /// Graceful leave: the protocol may announce it (its sends go out now), then the process stops.
    /// A protocol that hands its leave over first (Akka's Leaving and Exiting) keeps the process
    /// running until it exits by itself (<see cref="INodeContext.Exit"/>): the node stays up, a
    /// member, until then, and its exit is the leave. A protocol whose node leaves the membership at
    /// once and runs on (Cassandra's decommission, gossiping its STATUS LEFT for the ring delay) has
    /// left now, as the trackers are told; its later exit only ends the process.
    /// </summary>
    public void LeaveNode(int id)
    {
        switch (_nodes[id]!.OnLeave())
        {
            case LeaveProgress.Done:
                StopNode(id, NodeStatus.Left);
                break;
            case LeaveProgress.HandingOver:
                _leaving.Add(id);
                break;
            case LeaveProgress.LeftRunningOn:
                _leaving.Add(id);
                _leftMembership.Add(id);
                Observations.OnNodeLeftMembership(id, NowUs);
                break;
        }
    }

    /// <summary>Ground truth: the node was asked to leave and its process still runs (<see cref="LeaveNode"/>).</summary>
    public bool IsLeaving(int id) => _leaving.Contains(id);

    /// <summary>Ground truth: the node has left the membership while its process runs on until it exits (<see cref="LeaveProgress.LeftRunningOn"/>).</summary>
    public bool HasLeftMembership(int id) => _leftMembership.Contains(id);

    /// <summary>Ground truth: the node is up and not already leaving, so a leave, a churn departure or a move may take it.</summary>
    public bool IsUpAndNotLeaving(int id) => Status[id] == NodeStatus.Up && !IsLeaving(id);

    /// <summary>A process stops itself: the end of a leave (<see cref="LeaveNode"/>), else an exit of its own.</summary>
    private void ExitNode(int id) => StopNode(id, IsLeaving(id) ? NodeStatus.Left : NodeStatus.Exited);

    /// <summary>
    /// Stalls an up node's process (a GC pause): its timers that come due and the messages that
    /// arrive are held, at most <paramref name="bufferCapacity"/> messages (later ones are dropped),
    /// until <see cref="ResumeNode"/>.
    /// </summary>
    public void PauseNode(int id, int bufferCapacity, WakeOrder wake = WakeOrder.Arrival)
    {
        if (Status[id] != NodeStatus.Up) return;
        if (_split) throw new InvalidOperationException("a run split across threads cannot pause nodes");
        Status[id] = NodeStatus.Paused;
        _paused.Pause(id, bufferCapacity, wake);
        Observations.OnNodePaused(id, NowUs);
    }

    /// <summary>Ends a pause: the held timers and messages are handled now, in the order they came due or arrived.</summary>
    public void ResumeNode(int id)
    {
        if (Status[id] != NodeStatus.Paused) return;
        var held = _paused.Resume(id);
        Status[id] = NodeStatus.Up;
        Observations.OnNodeResumed(id, NowUs);
        foreach (SimEvent e in held)
        {
            // A held event may stop the node (an Akka member that learns from held gossip that it was downed exits).
            if (Status[id] != NodeStatus.Up) { _paused.Discard(e); continue; }
            switch (e.Kind)
            {
                case EventKind.Delivery: Deliver(e.Node, e.Arg); break;
                case EventKind.Timer: FireTimer(e.Node, e.Arg, 0); break;
                case EventKind.TaggedTimer: FireTaggedTimer(e.Node, e.Arg); break;
            }
        }
    }

    /// <summary>
    /// Makes a node slow (a CPU-starved or swapping process): it handles arriving messages one at a
    /// time, in arrival order, each taking <paramref name="serviceUs"/> of its time, and a message is
    /// handled (its effects happen) only when its turn ends. At most <paramref name="capacity"/>
    /// messages wait (later ones are dropped, <see cref="SlowDrops"/>). Timers fire on time: as in
    /// memberlist, where a probe deadline is a timer racing the packet handler, a late-handled ack
    /// misses its deadline. Calling it again (an overlapping slow fault) changes the service time
    /// from the next message on, until the matching <see cref="UnslowNode"/>. The slowness outlasts a
    /// crash (it is the machine's): a process started again before that call is slow too.
    /// </summary>
    public void SlowNode(int id, long serviceUs, int capacity)
    {
        if (Status[id] is not (NodeStatus.Up or NodeStatus.Paused)) return;
        if (_split) throw new InvalidOperationException("a run split across threads cannot slow nodes");
        _slow.Slow(id, serviceUs, capacity);
    }

    /// <summary>Ground truth: whether the node is slow now (a slow fault in force).</summary>
    public bool IsSlow(int id) => _slow.IsSlow(id);

    /// <summary>
    /// Ends the slowness that <see cref="SlowNode"/> began with these values; the node stays slow
    /// while another slow fault holds it. Messages already queued are still handled in order.
    /// </summary>
    public void UnslowNode(int id, long serviceUs, int capacity) => _slow.Unslow(id, serviceUs, capacity);

    /// <summary>Runs every event with time strictly before <paramref name="endUs"/>.</summary>
    public void Run(long endUs)
    {
        if (_split)
        {
            RunWindows(endUs);
            return;
        }
        // The loop body lives in its own method: called thousands of times, it is compiled at
        // full tier with profile data, where a loop in a once-called method only gets OSR code.
        // Between calls, the state built so far is mapped with huge pages (inside the loop's time).
        HugePages.MapHeapIfGrown();
        while (StepMany(endUs))
        {
            HugePages.MapHeapIfGrown();
            Checkpoint?.Invoke();
        }
        if (NowUs < endUs) NowUs = endUs;
    }

    /// <summary>
    /// Called between batches of events (every 4,096): where a run looks for a cancellation or a
    /// memory limit and throws to stop. Null in runs nobody watches.
    /// </summary>
    public Action? Checkpoint { get; init; }

    /// <summary>Events handled per <see cref="StepMany"/> call: enough that its entry and exit cost nothing, few enough that it is called often and tiers up early.</summary>
    private const int EventsPerCall = 4096;

    /// <summary>Events handled between two <see cref="Checkpoint"/> calls, sequential or split.</summary>
    public const int EventsPerCheckpoint = EventsPerCall;

    /// <summary>
    /// Handles up to <see cref="EventsPerCall"/> events; false once none is left before <paramref name="endUs"/>.
    /// <see cref="Step"/> is inlined here: called once per event, it would pay its entry and exit
    /// (six saved registers, zeroed locals) every event, a large share of a light event. The larger
    /// method leaves the JIT less inlining budget for the handlers, so a protocol's long loops
    /// stay in their own methods (<c>HeartbeatNode.MergeAll</c>). Never inlined into <see cref="Run"/>:
    /// there it would run in the code compiled on stack replacement for Run's once-entered loop,
    /// without the profile-guided full tier.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool StepMany(long endUs)
    {
        for (int i = 0; i < EventsPerCall; i++)
            if (!Step(endUs)) return false;
        return true;
    }

    /// <summary>Sees every event before it is handled (gossipsim replay's trace); null in ordinary runs.</summary>
    public Action<SimEvent>? Trace { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Step(long endUs)
    {
        var queue = _queue;
        if (!queue.TryPopBefore(endUs, out SimEvent e)) return false;
        if (_prefetch) PrefetchUpcoming(queue);
        NowUs = e.TimeUs;
        _eventsProcessed++;
        Trace?.Invoke(e);
        Dispatch(e.Kind, e.Node, e.Arg);
        return true;
    }

    /// <summary>
    /// Starts loading what the events after this one will read. Two stages, so that no load waits
    /// on another: the event after next gets its host's slot in the host array (and its message)
    /// requested; the next one, whose slot was requested a step ago, gets its host object and the
    /// state allocated after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchUpcoming(EventQueue queue)
    {
        var upcoming = queue.UpcomingWheel();
        if (upcoming.Length > 1) PrefetchSlots(upcoming[1]);
        if (upcoming.Length > 0) PrefetchHost(upcoming[0]);
    }

    /// <summary>Handles one event, given by value: an event passed by reference would be kept in memory, not registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Dispatch(EventKind kind, int node, int arg)
    {
        switch (kind)
        {
            case EventKind.Delivery: Deliver(node, arg); break;
            case EventKind.Timer: FireTimer(node, arg, 0); break;
            case EventKind.TaggedTimer: FireTaggedTimer(node, arg); break;
            case EventKind.Driver: _driver!.OnAction(this, arg, node); break;
            case EventKind.SlowDelivery: DeliverQueued(node, arg); break;
        }
    }

    /// <summary>
    /// Starts loading the array slots a coming event will read (its node's host and node references,
    /// its timer generations or its message, its node's traffic counters) while this event is
    /// handled: at scale each is a cache miss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchSlots(in SimEvent coming)
    {
        // A driver event's Node field is its argument, not a node.
        if (coming.Kind == EventKind.Driver) return;
        CachePrefetch.Location(ref _hosts[coming.Node]);
        CachePrefetch.Location(ref _nodes[coming.Node]);
        // Timers send, and a delivered message is often answered: both count traffic sent.
        Observations.Traffic.Prefetch(coming.Node);
        if (coming.Kind is EventKind.Delivery or EventKind.SlowDelivery) MessagesOf(coming.Node).Prefetch(coming.Arg);
    }

    /// <summary>Starts loading a coming event's host and the node state allocated right after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PrefetchHost(in SimEvent coming)
    {
        if (coming.Kind != EventKind.Driver && _hosts[coming.Node] is { } host) CachePrefetch.Object(host, _hostPrefetchLines);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(long timeUs, EventKind kind, int node, int arg) => QueueOf(node).Push(Next(timeUs, kind, node, arg));

    /// <summary>The next sequence number, which orders an event after every event scheduled before it at the same time, with the event's kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long NextSequenceAndKind(EventKind kind) => (_ordering.Value.Sequence++ << 8) | (byte)kind;

    /// <summary>An event scheduled now (<see cref="NextSequenceAndKind"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SimEvent Next(long timeUs, EventKind kind, int node, int arg)
    {
        SimEvent e;
        e.TimeUs = timeUs;
        e.SequenceAndKind = NextSequenceAndKind(kind);
        e.Node = node;
        e.Arg = arg;
        return e;
    }

    private void SetTimer(int node, int kind, long delayUs, long tag)
    {
        int arg = TimerArgument(TimerTagsOf(node), node, kind, tag, out EventKind timerKind);
        Push(NowUs + Math.Max(0, delayUs), timerKind, node, arg);
    }

    /// <summary>
    /// A timer of <paramref name="kind"/> set now carries (kind, its current generation) as its
    /// stamp: the event's argument, or with a tag, the slot in the lane's tag store that holds both.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int TimerArgument(TimerTagStore tags, int node, int kind, long tag, out EventKind timerKind)
    {
        if ((uint)kind >= ProtocolNode.MaxTimerKinds) throw new ArgumentOutOfRangeException(nameof(kind));
        int stamp = kind | (Generation(node, kind) << 8);
        timerKind = tag == 0 ? EventKind.Timer : EventKind.TaggedTimer;
        return tag == 0 ? stamp : tags.Add(stamp, tag);
    }

    private void CancelTimers(int node, int kind) => Generation(node, kind)++;

    private void InvalidateTimers(int node)
    {
        // A node that never started has no timers to invalidate (and no host to keep generations).
        if (_hosts[node] is not { } host) return;
        for (int kind = 0; kind < ProtocolNode.MaxTimerKinds; kind++) host.TimerGenerations[kind]++;
    }

    /// <summary>
    /// Whether a timer stamped (kind, generation) is still live. Generations are compared in 24
    /// bits: a timer would need 16 million cancels of its kind while it waits to be mistaken for a live one.
    /// </summary>
    private bool IsCurrent(int node, int stamp) =>
        ((Generation(node, stamp & 0xFF) ^ (stamp >> 8)) & 0xFFFFFF) == 0;

    /// <summary>The generation of a node's timers of one kind (<see cref="NodeHost.TimerGenerations"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Generation(int node, int kind) => ref _hosts[node]!.TimerGenerations[kind];

    private void FireTaggedTimer(int node, int slot)
    {
        var (stamp, tag) = TimerTagsOf(node).Take(slot);
        FireTimer(node, stamp, tag);
    }

    private void FireTimer(int node, int stamp, long tag)
    {
        if (Status[node] == NodeStatus.Paused)
        {
            _paused.HoldTimer(node, stamp, tag);
            return;
        }
        if (!IsCurrent(node, stamp)) return;
        _nodes[node]!.OnTimer(stamp & 0xFF, tag);
    }

    private void Send(int from, int to, in Message message)
    {
        Observations.Traffic.OnSent(from, message.Type, message.SizeBytes);
        TransmitOne(from, to, message);
    }

    private void TransmitOne(int from, int to, in Message message)
    {
        if (_network.IsPlain) TransmitPlain(from, to, message);
        else Transmit(from, to, message);
    }

    /// <summary>Copies of one message to several peers: counted as sent at once, then each its own fate, in order.</summary>
    private void SendToEach(int from, ReadOnlySpan<int> peers, in Message message)
    {
        Observations.Traffic.OnSent(from, message.Type, message.SizeBytes, peers.Length);
        TransmitEach(from, peers, message);
    }

    /// <summary>Each copy's fate, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TransmitEach(int from, ReadOnlySpan<int> peers, in Message message)
    {
        // Whether the optional network models are off is asked once for all the copies.
        if (_network.IsPlain)
            foreach (int to in peers) TransmitPlain(from, to, message);
        else
            foreach (int to in peers) Transmit(from, to, message);
    }

    /// <summary>A message over a TCP stream (<see cref="INodeContext.SendStream"/>): counted as sent, then cut or delivered.</summary>
    private void SendStream(int from, int to, in Message message, int legs)
    {
        Observations.Traffic.OnSent(from, message.Type, message.SizeBytes);
        Stream(from, to, message, legs);
    }

    /// <summary>A message on a new TCP connection (<see cref="INodeContext.OpenStream"/>): a failed dial's SYNs, or counted as sent, then delivered.</summary>
    private bool OpenStream(int from, int to, in Message message, long dialTimeoutUs)
    {
        var dial = Dial(from, to);
        if (dial == DialOutcome.Connects)
        {
            SendStream(from, to, message, NewConnectionLegs);
            return true;
        }
        Observations.Traffic.OnDialFailed(from, message.Type, FailedDialBytes(dial, dialTimeoutUs));
        CountFailedDial(dial);
        return dial != DialOutcome.Refused;
    }

    /// <summary>One-way latencies before a message on a new connection arrives: SYN, SYN-ACK, then the data.</summary>
    private const int NewConnectionLegs = 3;

    /// <summary>
    /// What a dial from <paramref name="from"/> to <paramref name="to"/> meets now. Reads only:
    /// links and node states change only at a driver's instant, so a split run's lane may ask while
    /// it records a window, and the answer holds when the call is carried out.
    /// </summary>
    private DialOutcome Dial(int from, int to) =>
        _network.StreamCut(from, to) ? DialOutcome.Cut
        : Status[to] switch
        {
            NodeStatus.Crashed => DialOutcome.Unanswered,
            NodeStatus.Left or NodeStatus.Exited or NodeStatus.Absent => DialOutcome.Refused,
            _ => DialOutcome.Connects,
        };

    private static int FailedDialBytes(DialOutcome dial, long dialTimeoutUs) => WireOverhead.FailedDial(dialTimeoutUs, refused: dial == DialOutcome.Refused);

    /// <summary>A failed dial across a cut counts among the messages cuts stopped, as a stream on it would.</summary>
    private void CountFailedDial(DialOutcome dial)
    {
        if (dial == DialOutcome.Cut) _network.CountCut();
    }

    private void Stream(int from, int to, in Message message, int legs)
    {
        if (_network.TryStream(from, to, legs, NowUs, out long arrivalUs)) Arrive(arrivalUs, from, to, message);
    }

    /// <summary>
    /// Schedules a message's arrival: stored in its receiver's lane and queued there, or while a
    /// split run carries out a window's calls, handed to the lane's thread (<see cref="_incoming"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Arrive(long arrivalUs, int from, int to, in Message message)
    {
        if (!_split)
        {
            _queue.Push(Next(arrivalUs, EventKind.Delivery, to, _messages.Add(message, from, to)));
            return;
        }
        if (_ordering.Value.CarriedMessage >= 0)
        {
            _incoming![LaneIndexOf(to)].Add(arrivalUs, NextSequenceAndKind(EventKind.Delivery), to, _ordering.Value.CarriedMessage);
            return;
        }
        var lane = LaneOf(to);
        lane.Queue.Push(Next(arrivalUs, EventKind.Delivery, to, lane.Messages.Add(message, from, to)));
    }

    /// <summary>A sent message's fate: lost, or stored and delivered (maybe twice) after the network's delay.</summary>
    private void Transmit(int from, int to, in Message message)
    {
        if (!_network.TryTransmit(from, to, message.SizeBytes, NowUs, out long arrivalUs)) return;
        Arrive(arrivalUs, from, to, message);
        if (_network.DuplicateProbability > 0 && _network.TryDuplicate(from, to, out long copyUs)) Arrive(copyUs, from, to, message);
    }

    /// <summary>
    /// <see cref="Transmit"/> while no optional network model is on (<see cref="NetworkModel.IsPlain"/>):
    /// the same draws, in a loop body small enough for the JIT to keep its values in registers.
    /// </summary>
    private void TransmitPlain(int from, int to, in Message message)
    {
        if (_network.TryTransmitPlain(from, to, NowUs, out long arrivalUs)) Arrive(arrivalUs, from, to, message);
    }

    private void Deliver(int to, int slot)
    {
        if (_slow.Any && _slow.HasQueue(to) && Status[to] == NodeStatus.Up)
        {
            QueueSlow(to, slot);
            return;
        }
        Handle(to, slot);
    }

    /// <summary>A slow node takes an arriving message into its handling queue: handled when the ones before it and its own service time are done.</summary>
    private void QueueSlow(int to, int slot)
    {
        if (_slow.TryQueue(to, slot, NowUs, out long handledAtUs)) Push(handledAtUs, EventKind.SlowDelivery, to, slot);
        else MessagesOf(to).Take(slot, out _);
    }

    private void DeliverQueued(int to, int slot)
    {
        if (_slow.OnHandled(to, slot, out long waitedUs))
        {
            _queueWaitUs = waitedUs;
            Handle(to, slot);
            _queueWaitUs = 0;
        }
        else MessagesOf(to).Take(slot, out _);
    }

    private void Handle(int to, int slot)
    {
        MessagesOf(to).Take(slot, out Message message);
        if (Status[to] != NodeStatus.Up)
        {
            if (Status[to] == NodeStatus.Paused) _paused.HoldMessage(to, message);
            return;
        }
        var node = _nodes[to];
        if (node is null) return;
        node.OnMessage(message);
    }

    /// <summary>The engine's side of <see cref="INodeContext"/> for one node of a sequential run.</summary>
    private class NodeHost : INodeContext
    {
        protected readonly Simulation Sim;

        /// <summary>
        /// <see cref="ProtocolNode.MaxTimerKinds"/> timer generations: one is bumped by a cancel of
        /// its kind, all by the node stopping or restarting. A timer fires only if its stamp's
        /// generation is still current. Kept in the host, which a firing timer loads anyway, rather
        /// than in an array of all nodes' generations: one cache line fewer per timer at scale.
        /// </summary>
        public TimerGenerationArray TimerGenerations;

        public NodeHost(Simulation sim, int id)
        {
            Sim = sim;
            Id = id;
            // Drawn here, after the host itself is allocated, so the stream lies between host and node (prefetched with them).
            Random = sim.Streams.ForNode(id);
        }

        public int Id { get; }

        public long NowUs => Sim.NowUs;

        public long QueueWaitUs => Sim._queueWaitUs;

        public Xoshiro256StarStar Random { get; }

        public void Send(int to, in Message message) => Sim.Send(Id, to, message);

        public void SendToEach(ReadOnlySpan<int> peers, in Message message) => Sim.SendToEach(Id, peers, message);

        public void SendStream(int to, in Message message, int legs) => Sim.SendStream(Id, to, message, legs);

        public bool OpenStream(int to, in Message message, long dialTimeoutUs) => Sim.OpenStream(Id, to, message, dialTimeoutUs);

        public void SetTimer(int kind, long delayUs, long tag = 0) => Sim.SetTimer(Id, kind, delayUs, tag);

        public void CancelTimers(int kind) => Sim.CancelTimers(Id, kind);

        public void Exit() => Sim.ExitNode(Id);

        public void Emit(ObservationKind kind, int subject, long value = 0) =>
            Sim.Observations.Observe(Id, Sim.NowUs, kind, subject, value);
    }

    /// <summary>
    /// The host of a node of a split run. Each call that reaches state shared by all nodes is recorded
    /// while the node's lane handles a window on its own thread, and carried out directly otherwise
    /// (at a driver action's instant). A class of its own, so that a sequential run's calls take no
    /// such test.
    /// </summary>
    private sealed class SplitNodeHost(Simulation sim, EventLane lane, int id) : NodeHost(sim, id), INodeContext
    {
        public new long NowUs => lane.NowUs;

        // A recorded send is counted in the node's own traffic now, on the lane's thread, and in the
        // run's totals by type when it is carried out.
        public new void Send(int to, in Message message)
        {
            if (!lane.Recording) Sim.Send(Id, to, message);
            else
            {
                Sim.Observations.Traffic.OnSentBy(Id, message.SizeBytes);
                lane.Log!.Send(Id, to, message);
            }
        }

        public new void SendToEach(ReadOnlySpan<int> peers, in Message message)
        {
            if (!lane.Recording) Sim.SendToEach(Id, peers, message);
            else
            {
                Sim.Observations.Traffic.OnSentBy(Id, message.SizeBytes, peers.Length);
                lane.Log!.SendToEach(Id, peers, message);
            }
        }

        public new void SendStream(int to, in Message message, int legs)
        {
            if (!lane.Recording) Sim.SendStream(Id, to, message, legs);
            else
            {
                Sim.Observations.Traffic.OnSentBy(Id, message.SizeBytes);
                lane.Log!.SendStream(Id, to, message, legs);
            }
        }

        public new bool OpenStream(int to, in Message message, long dialTimeoutUs)
        {
            if (!lane.Recording) return Sim.OpenStream(Id, to, message, dialTimeoutUs);
            var dial = Sim.Dial(Id, to);
            if (dial == DialOutcome.Connects) Sim.Observations.Traffic.OnSentBy(Id, message.SizeBytes);
            else Sim.Observations.Traffic.OnDialFailedBy(Id, FailedDialBytes(dial, dialTimeoutUs));
            lane.Log!.OpenStream(Id, to, message, dialTimeoutUs);
            return dial != DialOutcome.Refused;
        }

        public new void SetTimer(int kind, long delayUs, long tag = 0)
        {
            if (lane.Recording) Sim.RecordTimer(lane, Id, kind, delayUs, tag);
            else Sim.SetTimer(Id, kind, delayUs, tag);
        }

        // Stopping changes the ground truth every lane reads; no family that exits runs split.
        public new void Exit()
        {
            if (lane.Recording) throw new InvalidOperationException("a node of a run split across threads cannot stop itself");
            Sim.ExitNode(Id);
        }

        // Learning an update touches only this node's own entries of the update tracker, so it is
        // reported at once, on the lane's thread; other reports reach trackers of the whole cluster.
        public new void Emit(ObservationKind kind, int subject, long value = 0)
        {
            if (lane.Recording && kind != ObservationKind.LearnedVersion) lane.Log!.Emit(Id, kind, subject, value);
            else Sim.Observations.Observe(Id, lane.NowUs, kind, subject, value);
        }
    }

    /// <summary>A node's timer generations, stored inline in its host.</summary>
    [InlineArray(ProtocolNode.MaxTimerKinds)]
    private struct TimerGenerationArray
    {
        private int _first;
    }
}
