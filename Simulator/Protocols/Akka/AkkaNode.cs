using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// One Akka cluster member (docs/references.md §3). Heartbeats (ClusterHeartbeatSender): every
/// heartbeat interval it sends a heartbeat to each node it monitors, the next monitored-by
/// reachable members after it on the hash ring and the unreachable ones among them (all others in
/// small clusters); their answers feed one phi detector each (Akka's normal model). Reaper
/// (reapUnreachableMembers), on the same tick: a monitored node whose detector is not available
/// goes into this node's row of the reachability table, and out again once it is. Gossip: every
/// gossip interval (and twice more while fewer than half the members have seen the state) to one
/// random member that this node's own row does not mark unreachable, first among those that have
/// not seen the state: the whole state, or only its status to a member that has seen it;
/// receivers talk back as Akka's do. Downing, on the split brain resolver's own 1 s tick: the
/// leader (the lowest id among reachable members that are up or leaving, else weakly up, joining
/// or exiting, itself always reachable to itself) runs keep-majority once it has been up itself and
/// membership and reachability have not changed for stable-after, and
/// every node downs all members when reachability keeps changing (down-all-when-unstable).
/// Leader actions, every second on a timer of their own: once the state has converged, the leader
/// removes the downed and exiting members that some member marks unreachable and the exiting
/// members that confirmed their exit, moves joining and weakly up members to up and leaving members
/// to exiting
/// (leaderActionsOnConvergence); a leave hands over through Leaving and Exiting before the process exits.
/// Joins (docs/references.md §3, "Joining"): a node that starts after the initial members asks
/// the seed nodes (InitJoin, as JoinSeedNodeProcess, or FirstSeedNodeProcess on the first seed),
/// sends Join to the first that answers, and is a member from its Welcome on: the member it
/// joined adds it as Joining (ClusterCoreDaemon.joining), and the leader moves it to Up on
/// convergence, or to WeaklyUp after allow-weakly-up-members (7 s) of leader ticks without convergence. A Join from a new
/// incarnation of a member marks the old one terminated and downs it; the join is retried until
/// the old one is removed.
/// Emissions: Suspected when a member becomes unreachable in this node's view (any observer's
/// record), MarkedAlive when reachable again or when it is first learned up or weakly up (the
/// statuses cluster routers route to; a joining member is not reported alive), MarkedDead when it
/// is downed, Removed when it is removed, or when a new incarnation joins in place of one this node
/// held. A node that learns it is downed shuts itself down (shutdownSelfWhenDown): its process exits.
/// </summary>
public sealed partial class AkkaNode : ProtocolNode
{
    private const int HeartbeatTimer = 0;
    private const int GossipTimer = 1;
    private const int GossipSpeedupTimer = 2;
    private const int ResolverTimer = 3;
    private const int LeaderActionsTimer = 4;
    /// <summary>The seed node process's tick: FirstSeedNodeProcess's 1 s retry, or JoinSeedNodeProcess's receive timeout.</summary>
    private const int SeedProcessTimer = 5;
    /// <summary>The split brain resolver's tick (SplitBrainResolver.tickInterval, fixed at 1 s).</summary>
    private const long ResolverTickUs = 1_000_000;
    /// <summary>Akka's MaxGossipsBeforeShuttingDownMyself.</summary>
    private const int MaxGossipsBeforeShuttingDown = 5;
    /// <summary>Akka's MaxTicksBeforeShuttingDownMyself: leader ticks a downed node waits for the other downed members to see the state.</summary>
    private const int MaxTicksBeforeShuttingDown = 4;
    /// <summary>Akka's NumberOfGossipsBeforeShutdownWhenLeaderExits: the gossips an exiting member sends as it shuts down.</summary>
    private const int GossipsBeforeExiting = 5;
    /// <summary>FirstSeedNodeProcess's retry task: the first seed asks the other seeds every second.</summary>
    private const long FirstSeedRetryUs = 1_000_000;

    /// <summary>Which seed node process a node that is not yet a member runs, if any.</summary>
    private enum SeedProcess
    {
        None,
        /// <summary>FirstSeedNodeProcess: the first seed asks the other seeds, and joins itself if none is a member.</summary>
        First,
        /// <summary>JoinSeedNodeProcess: any other node asks every seed but itself until one answers.</summary>
        Join,
    }

    private readonly AkkaConfig _config;
    /// <summary>The heartbeat ring of the incarnations this node's state holds (<see cref="FindReceivers"/> keeps it current).</summary>
    private AkkaRing _ring;
    private readonly int _self;
    /// <summary>This process's incarnation (Akka's uid): 0 for the initial members, else one more than its start time, later than any incarnation before it.</summary>
    private long _incarnation;
    /// <summary>Whether this node is a member: an initial member, or welcomed (Akka's initialized state); before that it only answers heartbeats and seed requests.</summary>
    private bool _initialized;
    private SeedProcess _seedProcess;
    /// <summary>The first seed's seeds that have not answered InitJoinNack.</summary>
    private readonly List<int> _remainingSeeds = new();
    /// <summary>When the first seed stops asking the others and joins itself.</summary>
    private long _firstSeedDeadlineUs;
    /// <summary>The member this node sent its Join to and waits for a Welcome from (tryingToJoin); -1 while not trying.</summary>
    private int _joinWith = -1;
    /// <summary>When the Join to <see cref="_joinWith"/> is retried through the seeds if no Welcome has come (long.MaxValue: never).</summary>
    private long _joinDeadlineUs;
    private AkkaGossip _gossip;
    /// <summary>The detector's state per monitored node: tLast and the interval window (Akka's HeartbeatHistory).</summary>
    private readonly MemberClocks _clocks;
    /// <summary>When this node first sent a heartbeat to each node it monitors (0: not monitoring): the detector starts at the first answer or expected-response-after later.</summary>
    private readonly long[] _monitoringSinceUs;
    /// <summary>The incarnation of each node this node monitors: the detector belongs to that uid, whose answers alone feed it.</summary>
    private readonly long[] _monitoredIncarnation;
    /// <summary>Records this node wrote on a Join from a new incarnation (Reachability.terminated): they stay in its row until the old incarnation is removed.</summary>
    private readonly HashSet<AkkaRecord> _terminated = new();
    /// <summary>The active receivers: the ring's receivers and the old receivers now unreachable.</summary>
    private readonly List<int> _receivers = new();
    private readonly List<int> _ringReceivers = new();
    private readonly bool[] _isRingReceiver;
    /// <summary>Receivers that left the ring's set while their detector was not available: heartbeated until they answer (oldReceiversNowUnreachable).</summary>
    private readonly bool[] _isOldReceiverNowUnreachable;
    /// <summary>This node's beliefs, as last emitted.</summary>
    private readonly MemberBelief[] _belief;
    private readonly bool[] _unreachable;
    /// <summary>Members that any member's row marks, downed observers' rows included (Akka's dcReachability): the ring's unreachable set and the leader's removable set.</summary>
    private readonly bool[] _marked;
    /// <summary>Joining, weakly up, up and leaving members other than self unreachable in this node's view: the split brain resolver's unreachable set, and the members that hold convergence back.</summary>
    private int _unreachableCount;
    /// <summary>Whether this node has been up or weakly up (the split brain resolver's selfMemberAdded): only then does it decide as leader.</summary>
    private bool _selfMemberAdded;
    /// <summary>Leader ticks without convergence since the last with it (leaderActionCounter).</summary>
    private int _leaderTicksWithoutConvergence;
    /// <summary>Each member's incarnation when this node last saw it become up (0: an initial member, or never).</summary>
    private readonly long[] _upIncarnation;
    /// <summary>One more than each member's incarnation when this node last saw it become exiting (0: never).</summary>
    private readonly long[] _exitedIncarnation;
    /// <summary>When the split brain resolver's stable-after deadline last restarted: a member became unreachable, reachable, down, up or exiting.</summary>
    private long _stableSinceUs;
    /// <summary>The resolver's first reachability change since every unreachable member was last healed or downed; -1 if none since.</summary>
    private long _firstChangeUs = -1;
    /// <summary>Leader ticks this node has waited, downed, for the other downed members (selfDownCounter).</summary>
    private int _selfDownTicks;
    /// <summary>Exiting members that told this node they have shut down (exitingConfirmed): they count as having seen the state, and the leader removes them.</summary>
    private readonly HashSet<int> _exitingConfirmed = new();

    public AkkaNode(INodeContext context, AkkaConfig config, AkkaRing ring) : base(context)
    {
        _config = config;
        _ring = ring;
        _self = context.Id;
        int n = config.NodeCount;
        _gossip = new AkkaGossip(n);
        _clocks = new MemberClocks(n, keepSquares: true);
        _monitoringSinceUs = new long[n];
        _monitoredIncarnation = new long[n];
        _isRingReceiver = new bool[n];
        _isOldReceiverNowUnreachable = new bool[n];
        _belief = new MemberBelief[n];
        _unreachable = new bool[n];
        _marked = new bool[n];
        _upIncarnation = new long[n];
        _exitedIncarnation = new long[n];
    }

    public MemberBelief BeliefOf(int member) => _belief[member];

    /// <summary>Whether this node's own row of the reachability table marks the member unreachable.</summary>
    public bool MarksUnreachable(int member) => _gossip.Marks(_self, member);

    /// <summary>Whether this node is a member (an initial one, or welcomed after its join).</summary>
    public bool IsInitialized => _initialized;

    /// <summary>Each member's status in this node's state (<see cref="AkkaGossip"/>'s constants).</summary>
    public byte StatusOf(int member) => _gossip.Status[member];

    /// <summary>Each member's incarnation in this node's state.</summary>
    public long IncarnationOf(int member) => _gossip.Incarnation[member];

    /// <summary>When the split brain resolver's stable-after deadline last restarted.</summary>
    public long StableSinceUs => _stableSinceUs;

    /// <summary>Whether this node has a failure detector for the member: one started, with intervals recorded.</summary>
    public bool HasDetector(int member) => _clocks.WindowCount[member] > 0;

    /// <summary>The incarnation whose answers feed this node's detector of the member; -1 when it does not heartbeat the member.</summary>
    public long MonitoredIncarnation(int member) => _monitoringSinceUs[member] == 0 ? -1 : _monitoredIncarnation[member];

    public IReadOnlyList<int> Monitored => _receivers;

    public override void Start()
    {
        long now = Context.NowUs;
        _stableSinceUs = now;
        if (now == 0 && _self < _config.InitialMembers)
        {
            // A running cluster: every initial member up at its first incarnation, believed alive without saying so.
            var g = _gossip;
            for (int m = 0; m < _config.InitialMembers; m++)
            {
                g.Status[m] = AkkaGossip.Up;
                g.MarkSeen(m);
                _belief[m] = MemberBelief.Alive;
            }
            _initialized = _selfMemberAdded = true;
            Context.SetTimer(HeartbeatTimer, Context.Random.NextInclusive(0, _config.HeartbeatIntervalUs - 1));
            Context.SetTimer(GossipTimer, Context.Random.NextInclusive(0, _config.GossipIntervalUs - 1));
            if (_config.Downing != AkkaDowning.None) Context.SetTimer(ResolverTimer, Context.Random.NextInclusive(0, ResolverTickUs - 1));
            Context.SetTimer(LeaderActionsTimer, Context.Random.NextInclusive(0, _config.LeaderActionsIntervalUs - 1));
            return;
        }
        // A join, or a restart (a new uid): this incarnation from the clock, later than any before.
        // The process starts with an empty state and its periodic tasks after their initial delay;
        // until it is welcomed its ticks only check the join's deadline.
        _incarnation = now + 1;
        Context.SetTimer(GossipTimer, Math.Max(_config.PeriodicTasksInitialDelayUs, _config.GossipIntervalUs));
        if (_config.Downing != AkkaDowning.None) Context.SetTimer(ResolverTimer, ResolverTickUs);
        Context.SetTimer(LeaderActionsTimer, Math.Max(_config.PeriodicTasksInitialDelayUs, _config.LeaderActionsIntervalUs));
        JoinSeedNodes();
    }

    public override void OnTimer(int kind, long tag)
    {
        switch (kind)
        {
            case HeartbeatTimer:
                Context.SetTimer(HeartbeatTimer, _config.HeartbeatIntervalUs);
                Heartbeat();
                Reap();
                break;
            case GossipTimer:
                Context.SetTimer(GossipTimer, _config.GossipIntervalUs);
                if (_initialized) GossipTick();
                else RetryJoinIfOverdue();
                break;
            case ResolverTimer:
                Context.SetTimer(ResolverTimer, ResolverTickUs);
                ResolverTick();
                break;
            case LeaderActionsTimer:
                Context.SetTimer(LeaderActionsTimer, _config.LeaderActionsIntervalUs);
                if (_initialized) LeaderActions();
                else RetryJoinIfOverdue();
                break;
            case SeedProcessTimer:
                SeedProcessTick();
                break;
            default:
                if (IsGossipSpeedupNeeded()) Gossip();
                break;
        }
    }

    public override void OnMessage(in Message message)
    {
        int from = message.From;
        switch (message.Type)
        {
            case AkkaMessageType.Heartbeat:
                // ClusterHeartbeatReceiver answers from the process's start, member or not, with its uid.
                Context.Send(from, new Message { Type = AkkaMessageType.HeartbeatRsp, SizeBytes = AkkaMessageType.HeaderBytes, A = _incarnation });
                break;
            case AkkaMessageType.InitJoin:
                OnInitJoin(from);
                break;
            case AkkaMessageType.InitJoinAck:
                OnInitJoinAck(from);
                break;
            case AkkaMessageType.InitJoinNack:
                OnInitJoinNack(from);
                break;
            case AkkaMessageType.Welcome:
                OnWelcome(from, (AkkaGossip)message.Payload!);
                break;
            default:
                // The other cluster messages are handled in the core daemon's initialized state only; before it they are dropped.
                if (_initialized) OnMemberMessage(in message);
                break;
        }
    }

    private void OnMemberMessage(in Message message)
    {
        switch (message.Type)
        {
            case AkkaMessageType.HeartbeatRsp:
                OnHeartbeatRsp(message.From, message.A);
                break;
            case AkkaMessageType.Gossip:
                OnGossip(message.From, (AkkaGossip)message.Payload!);
                break;
            case AkkaMessageType.GossipStatus:
                OnGossipStatus(message.From, (AkkaGossip)message.Payload!);
                break;
            case AkkaMessageType.ExitingConfirmed:
                _exitingConfirmed.Add(message.From);
                break;
            case AkkaMessageType.Join:
                OnJoin(message.From, message.A);
                break;
        }
    }

    /// <summary>
    /// Cluster.leave of this node (ClusterCoreDaemon.leaving): an up member marks itself leaving in
    /// a new version seen by itself alone, gossips it to the two oldest members and to one gossip
    /// target at once, and runs on. The leader moves it to exiting once every up and leaving
    /// member has seen that; when it sees itself exiting it completes its exit
    /// (<see cref="CompleteExiting"/>), and the leader removes it. A joining or weakly up member
    /// leaves the same way. A member already downed does nothing more here: it shuts down as
    /// downed members do. A node not yet welcomed has no membership to hand over (the coordinated
    /// shutdown's wait-exiting task finds no members): its process stops at once.
    /// </summary>
    public override LeaveProgress OnLeave()
    {
        if (!_initialized) return LeaveProgress.Done;
        if (_gossip.Status[_self] is AkkaGossip.Joining or AkkaGossip.WeaklyUp or AkkaGossip.Up)
        {
            var g = Writable();
            g.Status[_self] = AkkaGossip.Leaving;
            g.OnlySeen(_self);
            Recompute();
            GossipToOldest();
            Gossip();
        }
        return LeaveProgress.HandingOver;
    }
}
