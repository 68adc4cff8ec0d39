using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
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
/// convergence, or to WeaklyUp after 7 s of leader ticks without convergence. A Join from a new
/// incarnation of a member marks the old one terminated and downs it; the join is retried until
/// the old one is removed.
/// Emissions: Suspected when a member becomes unreachable in this node's view (any observer's
/// record), MarkedAlive when reachable again or when it is first learned up or weakly up (the
/// statuses cluster routers route to; a joining member is not reported alive), MarkedDead when it
/// is downed, Removed when it is removed, or when a new incarnation joins in place of one this node
/// held. A node that learns it is downed shuts itself down (shutdownSelfWhenDown): its process exits.
/// </summary>
public sealed class AkkaNode : ProtocolNode
{
    private const int HeartbeatTimer = 0;
    private const int GossipTimer = 1;
    private const int GossipSpeedupTimer = 2;
    private const int ResolverTimer = 3;
    private const int LeaderActionsTimer = 4;
    /// <summary>The seed node process's tick: FirstSeedNodeProcess's 1 s retry, or JoinSeedNodeProcess's receive timeout.</summary>
    private const int SeedProcessTimer = 5;
    /// <summary>Akka's leader-actions-interval (1 s): the leader's removals and a downed node's shutdown check run on this tick.</summary>
    private const long LeaderActionsIntervalUs = 1_000_000;
    /// <summary>The split brain resolver's tick (SplitBrainResolver.tickInterval, fixed at 1 s).</summary>
    private const long ResolverTickUs = 1_000_000;
    /// <summary>Akka's MaxGossipsBeforeShuttingDownMyself.</summary>
    private const int MaxGossipsBeforeShuttingDown = 5;
    /// <summary>Akka's MaxTicksBeforeShuttingDownMyself: leader ticks a downed node waits for the other downed members to see the state.</summary>
    private const int MaxTicksBeforeShuttingDown = 4;
    /// <summary>Akka's NumberOfGossipsBeforeShutdownWhenLeaderExits: the gossips an exiting member sends as it shuts down.</summary>
    private const int GossipsBeforeExiting = 5;
    /// <summary>periodic-tasks-initial-delay (1 s): a started node's gossip, reaper and leader ticks begin this long (or one interval, if longer) after the start, its heartbeats this long after its Welcome.</summary>
    private const long PeriodicTasksInitialDelayUs = 1_000_000;
    /// <summary>seed-node-timeout (5 s): how long a joining node waits for a seed's InitJoinAck before it asks again, and how long the first seed asks the others before it joins itself.</summary>
    private const long SeedNodeTimeoutUs = 5_000_000;
    /// <summary>FirstSeedNodeProcess's retry task: the first seed asks the other seeds every second.</summary>
    private const long FirstSeedRetryUs = 1_000_000;
    /// <summary>retry-unsuccessful-join-after (10 s): a Join that brought no Welcome is retried through the seeds this long after it was sent.</summary>
    private const long RetryUnsuccessfulJoinAfterUs = 10_000_000;
    /// <summary>allow-weakly-up-members (7 s): the leader moves joining members to WeaklyUp after this long of leader ticks without convergence.</summary>
    private const long WeaklyUpAfterUs = 7_000_000;

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
    private readonly AkkaRing _ring;
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
            Context.SetTimer(LeaderActionsTimer, Context.Random.NextInclusive(0, LeaderActionsIntervalUs - 1));
            return;
        }
        // A join, or a restart (a new uid): this incarnation from the clock, later than any before.
        // The process starts with an empty state and its periodic tasks after their initial delay;
        // until it is welcomed its ticks only check the join's deadline.
        _incarnation = now + 1;
        Context.SetTimer(GossipTimer, Math.Max(PeriodicTasksInitialDelayUs, _config.GossipIntervalUs));
        if (_config.Downing != AkkaDowning.None) Context.SetTimer(ResolverTimer, ResolverTickUs);
        Context.SetTimer(LeaderActionsTimer, Math.Max(PeriodicTasksInitialDelayUs, LeaderActionsIntervalUs));
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
                Context.SetTimer(LeaderActionsTimer, LeaderActionsIntervalUs);
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

    // ---- joining --------------------------------------------------------------------------

    /// <summary>
    /// joinSeedNodes: the seed node process of a node that is not a member. The seeds' first node
    /// runs FirstSeedNodeProcess: it asks the other seeds at once and every second, and joins
    /// itself, forming a cluster of its own, if none answers InitJoinAck within seed-node-timeout
    /// or all answer InitJoinNack. Any other node runs JoinSeedNodeProcess: it asks every seed but
    /// itself, again whenever seed-node-timeout passes with no answer. A node whose only seed is
    /// itself joins itself.
    /// </summary>
    private void JoinSeedNodes()
    {
        var seeds = _config.Seeds;
        if (seeds.Length == 1 && seeds[0] == _self)
        {
            JoinSelf();
            return;
        }
        if (seeds[0] == _self)
        {
            _seedProcess = SeedProcess.First;
            _remainingSeeds.Clear();
            _remainingSeeds.AddRange(seeds.Where(s => s != _self));
            _firstSeedDeadlineUs = Context.NowUs + SeedNodeTimeoutUs;
            SendInitJoin(_remainingSeeds);
            Context.SetTimer(SeedProcessTimer, FirstSeedRetryUs);
        }
        else
        {
            _seedProcess = SeedProcess.Join;
            SendInitJoin(seeds.Where(s => s != _self));
            Context.SetTimer(SeedProcessTimer, SeedNodeTimeoutUs);
        }
    }

    /// <summary>The seed node process's tick: the first seed asks again until its deadline, then joins itself; another node asks every seed again.</summary>
    private void SeedProcessTick()
    {
        if (_seedProcess == SeedProcess.First)
        {
            if (Context.NowUs < _firstSeedDeadlineUs)
            {
                SendInitJoin(_remainingSeeds);
                Context.SetTimer(SeedProcessTimer, FirstSeedRetryUs);
            }
            else
            {
                StopSeedProcess();
                JoinSelf();
            }
        }
        else if (_seedProcess == SeedProcess.Join)
        {
            SendInitJoin(_config.Seeds.Where(s => s != _self));
            Context.SetTimer(SeedProcessTimer, SeedNodeTimeoutUs);
        }
    }

    private void StopSeedProcess()
    {
        _seedProcess = SeedProcess.None;
        Context.CancelTimers(SeedProcessTimer);
    }

    private void SendInitJoin(IEnumerable<int> seeds)
    {
        foreach (int seed in seeds)
            Context.Send(seed, new Message { Type = AkkaMessageType.InitJoin, SizeBytes = AkkaMessageType.HeaderBytes + AkkaMessageType.ConfigBytes });
    }

    /// <summary>
    /// initJoin: a member answers InitJoinAck unless it is downed or exiting; a node that is not a
    /// member (uninitialized, or trying to join) answers InitJoinNack. The configuration check always
    /// passes here: every node runs the same settings.
    /// </summary>
    private void OnInitJoin(int from)
    {
        bool ack = _initialized && _gossip.Status[_self] is not (AkkaGossip.Down or AkkaGossip.Exiting);
        Context.Send(from, ack
            ? new Message { Type = AkkaMessageType.InitJoinAck, SizeBytes = AkkaMessageType.HeaderBytes + AkkaMessageType.MemberBytes + AkkaMessageType.ConfigBytes }
            : new Message { Type = AkkaMessageType.InitJoinNack, SizeBytes = AkkaMessageType.HeaderBytes + AkkaMessageType.MemberBytes });
    }

    /// <summary>The first InitJoinAck ends the seed node process, and this node joins the seed that sent it; later ones are ignored.</summary>
    private void OnInitJoinAck(int from)
    {
        if (_seedProcess == SeedProcess.None) return;
        StopSeedProcess();
        // join: a Join to the seed, retried through the seeds if no Welcome comes within retry-unsuccessful-join-after (tryingToJoin).
        _joinWith = from;
        _joinDeadlineUs = Context.NowUs + RetryUnsuccessfulJoinAfterUs;
        Context.Send(from, new Message { Type = AkkaMessageType.Join, SizeBytes = AkkaMessageType.HeaderBytes + AkkaMessageType.MemberBytes + AkkaMessageType.RolesBytes, A = _incarnation });
    }

    /// <summary>
    /// InitJoinNack: the first seed stops asking a seed that is not a member, and joins itself once
    /// every other seed has said so; to another node's process any answer restarts the wait
    /// (its receive timeout).
    /// </summary>
    private void OnInitJoinNack(int from)
    {
        if (_seedProcess == SeedProcess.First)
        {
            if (!_remainingSeeds.Remove(from) || _remainingSeeds.Count > 0) return;
            StopSeedProcess();
            JoinSelf();
        }
        else if (_seedProcess == SeedProcess.Join)
        {
            Context.CancelTimers(SeedProcessTimer);
            Context.SetTimer(SeedProcessTimer, SeedNodeTimeoutUs);
        }
    }

    /// <summary>tryingToJoin's tick: a Join without a Welcome by its deadline starts the seed node process again.</summary>
    private void RetryJoinIfOverdue()
    {
        if (_joinWith < 0 || Context.NowUs <= _joinDeadlineUs) return;
        _joinWith = -1;
        JoinSeedNodes();
    }

    /// <summary>
    /// join of this node's own address: it becomes a member of a cluster of its own (joining
    /// itself as Joining), and as its only member the leader moves it to up at once.
    /// </summary>
    private void JoinSelf()
    {
        var g = Writable();
        g.Incarnation[_self] = _incarnation;
        g.Status[_self] = AkkaGossip.Joining;
        g.OnlySeen(_self);
        BecomeInitialized();
        Recompute();
        LeaderActions();
    }

    /// <summary>
    /// welcome: a node not yet a member takes the state of the member it joined (in uninitialized
    /// state, from any member), marks it seen, gossips it back, and becomes a member: its heartbeats
    /// start after the initial delay.
    /// </summary>
    private void OnWelcome(int from, AkkaGossip remote)
    {
        if (_initialized || (_joinWith >= 0 && _joinWith != from)) return;
        _gossip = remote;
        Writable().MarkSeen(_self);
        BecomeInitialized();
        Recompute();
        if (IsGossipTarget(from)) SendGossip(from);
    }

    private void BecomeInitialized()
    {
        _initialized = true;
        _joinWith = -1;
        StopSeedProcess();
        Context.SetTimer(HeartbeatTimer, Math.Max(PeriodicTasksInitialDelayUs, _config.HeartbeatIntervalUs));
    }

    /// <summary>
    /// joining, on a member that is not downed or exiting: a node this state does not hold (or holds
    /// removed at an earlier incarnation) is added as Joining in a new version seen by this node
    /// alone, and welcomed with that state; a member that joins again at the same incarnation (its
    /// Welcome was lost) is welcomed again. A new incarnation of a member (a restart: same address,
    /// new uid) is not let in: the old one is marked terminated in this node's row and downed,
    /// and the new one's join is retried until the old one has been removed. A tombstone of this
    /// very incarnation (or a later one) keeps it out.
    /// </summary>
    private void OnJoin(int from, long incarnation)
    {
        var g = _gossip;
        if (g.Status[_self] is AkkaGossip.Down or AkkaGossip.Exiting) return;
        if (IsMember(from))
        {
            if (g.Incarnation[from] == incarnation)
            {
                if (from != _self) SendWelcome(from);
            }
            else if (g.Status[from] != AkkaGossip.Down) TerminateAndDown(from);
            return;
        }
        if (g.Status[from] == AkkaGossip.Removed && g.Incarnation[from] >= incarnation) return;
        var w = Writable();
        w.Incarnation[from] = incarnation;
        w.Status[from] = AkkaGossip.Joining;
        w.OnlySeen(_self);
        Recompute();
        SendWelcome(from);
    }

    /// <summary>
    /// The old incarnation of a member whose new one asks to join: Reachability.terminated in this
    /// node's row (a record the reaper never clears, so the leader may remove the old one as soon
    /// as the state converges), then downing.
    /// </summary>
    private void TerminateAndDown(int member)
    {
        var record = new AkkaRecord(member, _gossip.Incarnation[member]);
        _terminated.Add(record);
        WriteOwnRow(CurrentOwnRecords().Append(record).ToList());
        var down = new bool[_config.NodeCount];
        down[member] = true;
        Downing(down);
    }

    private void SendWelcome(int to)
    {
        _gossip.Frozen = true;
        int size = AkkaMessageType.HeaderBytes + AkkaMessageType.MemberBytes + GossipBytes();
        Context.Send(to, new Message { Type = AkkaMessageType.Welcome, SizeBytes = size, Payload = _gossip });
    }

    // ---- heartbeats and the detector -------------------------------------------------------

    /// <summary>
    /// ClusterHeartbeatSenderState.membershipChange over HeartbeatNodeRing.receivers: the ring's
    /// receivers are the members after this node until monitored-by reachable ones
    /// are taken, unreachable members met on the way taken too but not counted while fewer than
    /// monitored-by are taken, so that a crash does not leave its monitors watching fewer reachable
    /// members (Akka's <c>take</c>). Members are every one not removed, leaving, exiting and downed
    /// ones included: a member stays on the ring until the leader removes it (the heartbeat sender
    /// drops a member on MemberRemoved). A
    /// receiver that leaves that set while its detector is available loses its detector, so it
    /// starts afresh if it comes back; one that leaves while not available stays an active
    /// receiver until it answers or is removed. A receiver whose incarnation changed is another
    /// member at the same address: the old one's detector goes with it
    /// (ClusterHeartbeatSenderState.removeMember) and the new one is monitored afresh.
    /// </summary>
    private void FindReceivers()
    {
        foreach (int node in _receivers)
            if (_monitoringSinceUs[node] != 0 && _monitoredIncarnation[node] != _gossip.Incarnation[node])
            {
                _isOldReceiverNowUnreachable[node] = false;
                RemoveDetector(node);
            }
        foreach (int node in _ringReceivers) _isRingReceiver[node] = false;
        var previous = _ringReceivers.ToArray();
        _ringReceivers.Clear();
        var order = _ring.Order;
        int n = order.Length;
        int reachable = 0;
        for (int step = 1; step < n && reachable < _config.MonitoredBy; step++)
        {
            int node = order[(_ring.Position[_self] + step) % n];
            if (!IsMember(node)) continue;
            if (!_marked[node]) reachable++;
            else if (_ringReceivers.Count >= _config.MonitoredBy) continue;
            _ringReceivers.Add(node);
            _isRingReceiver[node] = true;
        }
        long now = Context.NowUs;
        foreach (int node in previous)
        {
            if (_isRingReceiver[node]) continue;
            if (IsAvailable(node, now)) RemoveDetector(node);
            else _isOldReceiverNowUnreachable[node] = true;
        }
        _receivers.Clear();
        _receivers.AddRange(_ringReceivers);
        for (int node = 0; node < n; node++)
        {
            if (!_isOldReceiverNowUnreachable[node] || _isRingReceiver[node]) continue;
            if (IsMember(node)) _receivers.Add(node);
            else
            {
                _isOldReceiverNowUnreachable[node] = false;
                RemoveDetector(node);
            }
        }
    }

    /// <summary>A member of the cluster: up, leaving, exiting, or downed and not yet removed.</summary>
    private bool IsMember(int node) => _gossip.Status[node] is not (AkkaGossip.Unknown or AkkaGossip.Removed);

    private bool IsActiveReceiver(int node) => _isRingReceiver[node] || _isOldReceiverNowUnreachable[node];

    /// <summary>The detector registry's isAvailable: a member without a detector yet counts as available.</summary>
    private bool IsAvailable(int member, long now) => _clocks.WindowCount[member] == 0 || Phi(member, now) < _config.Detector.Threshold;

    /// <summary>FailureDetectorRegistry.remove: the member's history is gone; monitoring it again starts a new detector.</summary>
    private void RemoveDetector(int member)
    {
        _clocks.ClearWindow(member);
        _monitoringSinceUs[member] = 0;
    }

    private void Heartbeat()
    {
        FindReceivers();
        long now = Context.NowUs;
        foreach (int to in _receivers)
        {
            if (_monitoringSinceUs[to] == 0)
            {
                _monitoringSinceUs[to] = now;
                _monitoredIncarnation[to] = _gossip.Incarnation[to];
            }
            Context.Send(to, new Message { Type = AkkaMessageType.Heartbeat, SizeBytes = AkkaMessageType.HeaderBytes });
        }
    }

    /// <summary>
    /// ClusterHeartbeatSenderState.heartbeatRsp: an answer from an active receiver, by the
    /// incarnation monitored (a new process at the same address answers with its own uid, which is
    /// not a receiver), feeds its detector; an old receiver that answers is no longer heartbeated
    /// unless the ring takes it again, and then loses its detector.
    /// </summary>
    private void OnHeartbeatRsp(int from, long incarnation)
    {
        if (!IsActiveReceiver(from) || _monitoringSinceUs[from] == 0 || _monitoredIncarnation[from] != incarnation) return;
        RecordHeartbeat(from, Context.NowUs);
        if (!_isOldReceiverNowUnreachable[from]) return;
        _isOldReceiverNowUnreachable[from] = false;
        if (!_isRingReceiver[from]) RemoveDetector(from);
    }

    private void RecordHeartbeat(int from, long now)
    {
        if (_clocks.WindowCount[from] == 0)
        {
            FirstHeartbeat(from, now);
            return;
        }
        // PhiAccrualFailureDetector.heartbeat: the interval is recorded only if still available.
        if (Phi(from, now) < _config.Detector.Threshold)
            _clocks.Add(from, (now - _clocks.LastArrivalUs[from]) / 1000.0, _config.Detector.Window);
        _clocks.LastArrivalUs[from] = now;
    }

    /// <summary>The detector's first heartbeat: history seeded with μ0 ± μ0/4, μ0 the heartbeat interval (firstHeartbeat).</summary>
    private void FirstHeartbeat(int member, long now)
    {
        double mu0 = _config.HeartbeatIntervalUs / 1000.0;
        _clocks.ClearWindow(member);
        _clocks.Add(member, mu0 - mu0 / 4, _config.Detector.Window);
        _clocks.Add(member, mu0 + mu0 / 4, _config.Detector.Window);
        _clocks.LastArrivalUs[member] = now;
    }

    private double Phi(int member, long now)
    {
        var d = _config.Detector;
        double mean = _clocks.MeanMs(member) + d.AcceptablePauseUs / 1000.0;
        double sd = Math.Max(_clocks.StdDevMs(member), d.MinStdUs / 1000.0);
        return PhiAccrual.PhiNormal((now - _clocks.LastArrivalUs[member]) / 1000.0, mean, sd);
    }

    /// <summary>
    /// reapUnreachableMembers: this node's row becomes the monitored nodes whose detector is not
    /// available, with the records it wrote as terminated while their subjects are still members.
    /// </summary>
    private void Reap()
    {
        long now = Context.NowUs;
        var marked = new List<AkkaRecord>();
        foreach (int member in _receivers)
        {
            if (!IsActiveReceiver(member) || _monitoringSinceUs[member] == 0) continue;
            // ExpectedFirstHeartbeat: no answer within expected-response-after still starts the detector.
            if (_clocks.WindowCount[member] == 0 && now - _monitoringSinceUs[member] >= _config.ExpectedResponseAfterUs)
                FirstHeartbeat(member, _monitoringSinceUs[member] + _config.ExpectedResponseAfterUs);
            if (_clocks.WindowCount[member] > 0 && Phi(member, now) >= _config.Detector.Threshold) marked.Add(new AkkaRecord(member, _monitoredIncarnation[member]));
        }
        _terminated.RemoveWhere(r => !IsMember(r.Subject) || !_gossip.IsCurrent(r));
        foreach (var r in _terminated)
            if (!marked.Contains(r)) marked.Add(r);
        // Akka's removal drops the removed member's records within the leader's own version
        // (Gossip.remove), so the reaper has nothing new to write about it: records of members
        // no longer in the state, or of an incarnation no longer held, do not count as a change of this row.
        if (CurrentOwnRecords().SequenceEqual(marked.OrderBy(r => r.Subject))) return;
        WriteOwnRow(marked);
    }

    /// <summary>This node's row as it stands for current members: its records of the incarnations the state holds.</summary>
    private IEnumerable<AkkaRecord> CurrentOwnRecords() =>
        _gossip.IsCurrentRow(_self) ? _gossip.Rows[_self].Where(r => IsMember(r.Subject) && _gossip.IsCurrent(r)) : [];

    /// <summary>A new version of this node's row, seen by itself alone; the version is its clock, raised past the last one if written twice in the same instant.</summary>
    private void WriteOwnRow(List<AkkaRecord> records)
    {
        records.Sort((a, b) => a.Subject.CompareTo(b.Subject));
        var g = Writable();
        g.Rows[_self] = records.ToArray();
        g.RowVersion[_self] = Math.Max(Context.NowUs, g.RowVersion[_self] + 1);
        g.OnlySeen(_self);
        Recompute();
    }

    // ---- gossip, views and downing -----------------------------------------------------------

    private AkkaGossip Writable()
    {
        if (_gossip.Frozen) _gossip = _gossip.Copy();
        return _gossip;
    }

    /// <summary>
    /// gossipTick: a gossip round, and while fewer than half the members have seen the state, two
    /// more at a third and two thirds of the interval, each only if still needed then.
    /// </summary>
    private void GossipTick()
    {
        Gossip();
        if (!IsGossipSpeedupNeeded()) return;
        Context.SetTimer(GossipSpeedupTimer, _config.GossipIntervalUs / 3);
        Context.SetTimer(GossipSpeedupTimer, _config.GossipIntervalUs * 2 / 3);
    }

    /// <summary>
    /// isGossipSpeedupNeeded: a member is downed and not yet removed, leaving or exiting, or fewer
    /// than half the members have seen the state.
    /// </summary>
    private bool IsGossipSpeedupNeeded() => _gossip.AnyDepartureUnderWay || _gossip.SeenByMembers() < _gossip.Members / 2;

    /// <summary>
    /// ClusterCoreDaemon.gossip with GossipTargetSelector.localDcGossipTargets: one random member
    /// (downed members included) that this node's own row does not mark unreachable, first among those that
    /// have not seen the state when the different-view preference holds; a target that has seen
    /// it gets only the gossip status.
    /// </summary>
    private void Gossip()
    {
        if (_config.NodeCount < 2) return;
        bool preferUnseen = AkkaDifferentViewPreference.Prefer(_gossip.Members, Context.Random);
        int target = preferUnseen ? RandomGossipTarget(unseenOnly: true) : -1;
        if (target < 0) target = RandomGossipTarget(unseenOnly: false);
        if (target < 0) return;
        if (_gossip.SeenBy(target)) SendGossipStatus(target);
        else SendGossip(target);
    }

    /// <summary>A uniform pick among the gossip targets (those that have not seen the state, if <paramref name="unseenOnly"/>); -1 if none.</summary>
    private int RandomGossipTarget(bool unseenOnly)
    {
        int count = 0;
        for (int m = 0; m < _config.NodeCount; m++)
            if (IsGossipTarget(m) && !(unseenOnly && _gossip.SeenBy(m))) count++;
        if (count == 0) return -1;
        int pick = Context.Random.NextInt(count);
        for (int m = 0; m < _config.NodeCount; m++)
            if (IsGossipTarget(m) && !(unseenOnly && _gossip.SeenBy(m)) && pick-- == 0) return m;
        return -1;
    }

    /// <summary>
    /// MembershipState.validNodeForGossip: a member other than self that self can reach by its own
    /// record. Marks by other observers do not count, so a member one observer cannot hear is still
    /// gossiped to by the rest. A downed member is one until removed: gossip is how it learns it
    /// was downed.
    /// </summary>
    private bool IsGossipTarget(int member) => member != _self && IsMember(member) && !MarksUnreachable(member);

    /// <summary>
    /// Whether the sender is a member of this node's state at the incarnation it sends from
    /// (receiveGossip, receiveGossipStatus: gossip "from unknown" is ignored): a member removed, or
    /// one whose new incarnation this node has not yet seen join, is not.
    /// </summary>
    private bool KnowsSender(int from, AkkaGossip remote) => IsMember(from) && _gossip.Incarnation[from] == remote.Incarnation[from];

    /// <summary>Whether a state holds this node at its own incarnation (receiveGossip ignores one "that does not contain myself").</summary>
    private bool HoldsSelf(AkkaGossip remote) =>
        remote.Status[_self] is not (AkkaGossip.Unknown or AkkaGossip.Removed) && remote.Incarnation[_self] == _incarnation;

    /// <summary>Bytes of the state itself, as a gossip or a Welcome carries it.</summary>
    private int GossipBytes() =>
        AkkaMessageType.MemberBytes * _gossip.Members + AkkaMessageType.RecordBytes * _gossip.Records + AkkaMessageType.SeenBytes * _gossip.SeenCount;

    private void SendGossip(int to)
    {
        _gossip.Frozen = true;
        Context.Send(to, new Message { Type = AkkaMessageType.Gossip, SizeBytes = AkkaMessageType.HeaderBytes + GossipBytes(), Payload = _gossip });
    }

    /// <summary>
    /// The gossip status: the receiver reads only the version and the seen set of the state it
    /// carries. Its vector clock has an entry per writer: the observers that have written a row,
    /// and the leader.
    /// </summary>
    private void SendGossipStatus(int to)
    {
        _gossip.Frozen = true;
        int size = AkkaMessageType.HeaderBytes + AkkaMessageType.DigestBytes + AkkaMessageType.ClockEntryBytes * (_gossip.RowWriters + 1);
        Context.Send(to, new Message { Type = AkkaMessageType.GossipStatus, SizeBytes = size, Payload = _gossip });
    }

    /// <summary>
    /// receiveGossip: gossip from a member this node's own row marks unreachable, from one not in
    /// its state (<see cref="KnowsSender"/>), or holding a state without this node, is ignored; else the states merge (AkkaGossip.Merge), this node has seen the result,
    /// and it talks back with its state unless both held the same version, or the remote was
    /// newer, and the remote state says this node has already seen it. A node that learns here
    /// that it is downed checks at once whether to shut down (shutdownSelfWhenDown); it still
    /// talks back, as Akka's shutdown stops the actors only after the message is handled. A node
    /// that learns here that the leader moved it to exiting completes its exit after talking back
    /// (<see cref="CompleteExiting"/>).
    /// </summary>
    private void OnGossip(int from, AkkaGossip remote)
    {
        if (MarksUnreachable(from) || !KnowsSender(from, remote) || !HoldsSelf(remote)) return;
        bool wasDown = _gossip.Status[_self] == AkkaGossip.Down;
        bool wasExiting = _gossip.Status[_self] == AkkaGossip.Exiting;
        var order = _gossip.Compare(remote);
        bool unchanged = order == AkkaVersionOrder.Older || (order == AkkaVersionOrder.Same && remote.SameSeen(_gossip));
        if (!unchanged || !_gossip.SeenBy(_self))
        {
            var g = Writable();
            g.Merge(remote, order);
            g.MarkSeen(_self);
        }
        if (order is AkkaVersionOrder.Newer or AkkaVersionOrder.Concurrent) Recompute();
        bool talkback = order is AkkaVersionOrder.Older or AkkaVersionOrder.Concurrent || !remote.SeenBy(_self);
        bool shutDown = !wasDown && _gossip.Status[_self] == AkkaGossip.Down && ShutdownSelfWhenDown();
        bool exiting = !wasExiting && _gossip.Status[_self] == AkkaGossip.Exiting;
        if (talkback) SendGossip(from);
        if (shutDown) Context.Exit();
        else if (exiting) CompleteExiting();
    }

    /// <summary>
    /// receiveGossipStatus: a status from a member not in this node's state, or that its own row
    /// marks unreachable, is ignored; a member with another seen set, or an older or concurrent version, gets
    /// the whole state; one with a newer version gets this node's status back, so that it sends
    /// its state; the same version and seen set end the exchange.
    /// </summary>
    private void OnGossipStatus(int from, AkkaGossip remote)
    {
        if (MarksUnreachable(from) || !KnowsSender(from, remote)) return;
        if (!remote.SameSeen(_gossip)) SendGossip(from);
        else
        {
            var order = _gossip.Compare(remote);
            if (order == AkkaVersionOrder.Newer) SendGossipStatus(from);
            else if (order != AkkaVersionOrder.Same) SendGossip(from);
        }
    }

    /// <summary>
    /// This node's view from the gossip: a member is removed or down if its status says so,
    /// unreachable if the row of any observer not downed marks it (records of the member's
    /// current incarnation, in rows its observers' current incarnations wrote), else alive (weakly
    /// up, leaving and exiting members too); a joining member is not reported until it is up or
    /// weakly up. Emits the changes. Unreachable exiting members neither hold convergence back nor
    /// count for the split brain resolver (MembershipState.convergenceSkipUnreachableWithMemberStatus,
    /// DowningStrategy.members).
    /// </summary>
    private void Recompute()
    {
        var g = _gossip;
        int n = _config.NodeCount;
        var unreachable = new bool[n];
        Array.Clear(_marked);
        for (int o = 0; o < n; o++)
        {
            if (!IsMember(o) || !g.IsCurrentRow(o)) continue;
            // Rows of downed observers mark but do not make unreachable (dcReachabilityExcludingDownedObservers).
            bool notDowned = AkkaGossip.IsNotDowned(g.Status[o]);
            foreach (var r in g.Rows[o])
            {
                if (!g.IsCurrent(r)) continue;
                _marked[r.Subject] = true;
                if (notDowned) unreachable[r.Subject] = true;
            }
        }
        bool reachabilityChanged = false, memberUpOrExited = false;
        int count = 0;
        for (int m = 0; m < n; m++)
        {
            bool isUnreachable = unreachable[m] && AkkaGossip.IsNotDowned(g.Status[m]);
            bool wasUnreachable = _unreachable[m];
            _unreachable[m] = isUnreachable;
            if (m == _self) continue;
            if (isUnreachable != wasUnreachable) reachabilityChanged = true;
            if (isUnreachable && AkkaGossip.IsDownable(g.Status[m])) count++;
            if (g.Status[m] == AkkaGossip.Up && g.Incarnation[m] != _upIncarnation[m])
            {
                _upIncarnation[m] = g.Incarnation[m];
                memberUpOrExited = true;
            }
            if (g.Status[m] == AkkaGossip.Exiting && g.Incarnation[m] + 1 != _exitedIncarnation[m])
            {
                _exitedIncarnation[m] = g.Incarnation[m] + 1;
                memberUpOrExited = true;
            }
            var belief = g.Status[m] switch
            {
                AkkaGossip.Down => MemberBelief.Dead,
                AkkaGossip.Removed => MemberBelief.Removed,
                AkkaGossip.WeaklyUp or AkkaGossip.Up or AkkaGossip.Leaving or AkkaGossip.Exiting => isUnreachable ? MemberBelief.Suspect : MemberBelief.Alive,
                // A joining member is no member to route to yet: nothing is said of it, unless it
                // joins in place of an incarnation this node held, which is then gone from its view.
                AkkaGossip.Joining => _belief[m] == MemberBelief.Unknown ? MemberBelief.Unknown : MemberBelief.Removed,
                _ => MemberBelief.Unknown,
            };
            if (belief == _belief[m]) continue;
            // The resolver hears of a downed member as of an unreachable one (MemberDowned).
            if (belief == MemberBelief.Dead) reachabilityChanged = true;
            _belief[m] = belief;
            var kind = belief switch
            {
                MemberBelief.Dead => ObservationKind.MarkedDead,
                MemberBelief.Removed => ObservationKind.Removed,
                MemberBelief.Suspect => ObservationKind.Suspected,
                _ => ObservationKind.MarkedAlive,
            };
            if (belief != MemberBelief.Unknown) Context.Emit(kind, m, g.Incarnation[m]);
        }
        _unreachableCount = count;
        if (g.Status[_self] is AkkaGossip.WeaklyUp or AkkaGossip.Up) _selfMemberAdded = true;
        NoteMembershipEvents(reachabilityChanged, memberUpOrExited);
    }

    /// <summary>
    /// The split brain resolver's bookkeeping (mutateMemberInfo, updateReachabilityChangedStats):
    /// a change of reachability, a member up or a member exiting (addUp, exited) restarts the
    /// stable-after deadline; a change of reachability starts the instability clock if it is not
    /// running, and the clock stops once no member is unreachable (all healed or downed).
    /// </summary>
    private void NoteMembershipEvents(bool reachabilityChanged, bool memberUpOrExited)
    {
        long now = Context.NowUs;
        if (reachabilityChanged || memberUpOrExited) _stableSinceUs = now;
        if (!reachabilityChanged) return;
        if (_firstChangeUs < 0) _firstChangeUs = now;
        if (_unreachableCount == 0) _firstChangeUs = -1;
    }

    /// <summary>
    /// The split brain resolver's tick (SplitBrainResolver.tick), every second on a timer of its
    /// own: on every node, down-all-when-unstable downs all
    /// members once the first reachability change is older than stable-after plus
    /// down-all-when-unstable; on the leader, once it has been up itself (isResponsible), the
    /// unreachable set is not empty and the deadline has passed, keep-majority decides (AkkaKeepMajority).
    /// </summary>
    private void ResolverTick()
    {
        long now = Context.NowUs;
        if (_firstChangeUs >= 0 && now - _firstChangeUs > _config.StableAfterUs + _config.DownAllWhenUnstableUs)
        {
            ActOnDecision(AkkaKeepMajority.Members(_gossip));
            return;
        }
        if (_unreachableCount == 0 || now - _stableSinceUs < _config.StableAfterUs || Leader != _self || !_selfMemberAdded) return;
        ActOnDecision(AkkaKeepMajority.NodesToDown(_gossip, _self));
    }

    /// <summary>The leader in this node's view (<see cref="LeaderOf"/> of all members).</summary>
    public int Leader => LeaderOf();

    /// <summary>
    /// MembershipState.leaderOf, over the members other than <paramref name="skip"/> and
    /// <paramref name="skipToo"/>: among those not downed that no observer not downed marks (this node
    /// always reachable to itself), the lowest id up or leaving, else the first in
    /// Member.leaderStatusOrdering: the lowest weakly up, then joining, then exiting; -1 if none.
    /// </summary>
    private int LeaderOf(int skip = -1, int skipToo = -1)
    {
        int weaklyUp = -1, joining = -1, exiting = -1;
        for (int m = 0; m < _config.NodeCount; m++)
        {
            if (m == skip || m == skipToo || (_unreachable[m] && m != _self)) continue;
            byte status = _gossip.Status[m];
            if (AkkaGossip.IsUpOrLeaving(status)) return m;
            if (status == AkkaGossip.WeaklyUp && weaklyUp < 0) weaklyUp = m;
            else if (status == AkkaGossip.Joining && joining < 0) joining = m;
            else if (status == AkkaGossip.Exiting && exiting < 0) exiting = m;
        }
        return weaklyUp >= 0 ? weaklyUp : joining >= 0 ? joining : exiting;
    }

    /// <summary>
    /// actOnDecision: downs the members the resolver decided on, which restarts the deadline and
    /// the instability clock. Akka downs one member at a time, each STONITH gossip carrying the
    /// downs so far; here each carries them all.
    /// </summary>
    private void ActOnDecision(bool[] members)
    {
        if (!members.Contains(true)) return;
        Downing(members);
        _stableSinceUs = Context.NowUs;
        _firstChangeUs = -1;
    }

    /// <summary>
    /// ClusterCoreDaemon.downing of each member given that is not downed yet, in one new version:
    /// each other member downed gets the state at once if this node's own row does not mark it
    /// (the STONITH gossip); a node that downs itself gossips the state to up to 5 random members
    /// (gossipRandomN with MaxGossipsBeforeShuttingDownMyself) and shuts down on a later leader
    /// tick (<see cref="ShutdownSelfWhenDown"/>).
    /// </summary>
    private void Downing(bool[] members)
    {
        var g = Writable();
        var downed = new List<int>();
        for (int m = 0; m < _config.NodeCount; m++)
            if (members[m] && AkkaGossip.IsNotDowned(g.Status[m]))
            {
                g.Status[m] = AkkaGossip.Down;
                downed.Add(m);
            }
        g.OnlySeen(_self);
        foreach (int m in downed)
            if (IsGossipTarget(m)) SendGossip(m);
        if (members[_self]) GossipToRandomMembers(MaxGossipsBeforeShuttingDown);
        Recompute();
    }

    /// <summary>
    /// leaderActions, every leader-actions-interval on every member: the leader acts once the state
    /// has converged (<see cref="Converged"/>, <see cref="LeaderActionsOnConvergence"/>), and
    /// exits if it moved itself to exiting; a leader that has not seen convergence for
    /// allow-weakly-up-members of its ticks moves joining members to weakly up
    /// (<see cref="MoveJoiningToWeaklyUp"/>). Confirmations from members no longer in the state are
    /// dropped (cleanupExitingConfirmed); then a downed node checks whether to shut down.
    /// </summary>
    private void LeaderActions()
    {
        bool exiting = false;
        if (Leader == _self)
        {
            if (Converged())
            {
                _leaderTicksWithoutConvergence = 0;
                exiting = LeaderActionsOnConvergence();
            }
            else if (++_leaderTicksWithoutConvergence * LeaderActionsIntervalUs >= WeaklyUpAfterUs) MoveJoiningToWeaklyUp();
        }
        _exitingConfirmed.RemoveWhere(m => !IsMember(m));
        if (exiting) CompleteExiting();
        else if (ShutdownSelfWhenDown()) Context.Exit();
    }

    /// <summary>
    /// MembershipState.convergence: every up or leaving member has seen the state or confirmed
    /// its exit (every joining and weakly up member too while none is up or leaving: the first
    /// members of a cluster), and no member other than self is unreachable but downed and exiting
    /// ones (those do not hold convergence back).
    /// </summary>
    private bool Converged()
    {
        if (_unreachableCount > 0) return false;
        var status = _gossip.Status;
        bool firstMembers = !status.Any(AkkaGossip.IsUpOrLeaving);
        for (int m = 0; m < _config.NodeCount; m++)
            if ((AkkaGossip.IsUpOrLeaving(status[m]) || (firstMembers && AkkaGossip.IsJoiningOrWeaklyUp(status[m])))
                && !_gossip.SeenBy(m) && !_exitingConfirmed.Contains(m)) return false;
        return true;
    }

    /// <summary>
    /// leaderActionsOnConvergence: removes the downed and exiting members that some member marks
    /// unreachable (removedUnreachable; a downed member that no record marks waits until it has
    /// shut down and its monitors mark it) and the exiting members that confirmed their exit
    /// (removedExitingConfirmed), moves joining and weakly up members to up (min-nr-of-members is
    /// 1) and leaving members to exiting, in one new version seen by
    /// this node alone (Gossip.update and removeAll through updateLatestGossip); the state then
    /// goes to the two oldest members if a member moved to exiting (gossipToOldest). True when
    /// this node moved itself to exiting.
    /// </summary>
    private bool LeaderActionsOnConvergence()
    {
        bool Removable(int m) => _gossip.Status[m] switch
        {
            AkkaGossip.Down => _marked[m],
            AkkaGossip.Exiting => _marked[m] || _exitingConfirmed.Contains(m),
            _ => false,
        };
        bool Changes(int m) => Removable(m) || _gossip.Status[m] is AkkaGossip.Leaving or AkkaGossip.Joining or AkkaGossip.WeaklyUp;
        // Looked for before the state is made writable: most ticks change nobody, and a frozen state would be copied for nothing.
        if (!Enumerable.Range(0, _config.NodeCount).Any(Changes)) return false;
        var g = Writable();
        bool anyExiting = false;
        for (int m = 0; m < _config.NodeCount; m++)
        {
            if (Removable(m))
            {
                g.Status[m] = AkkaGossip.Removed;
                _exitingConfirmed.Remove(m);
            }
            else if (g.Status[m] == AkkaGossip.Leaving)
            {
                g.Status[m] = AkkaGossip.Exiting;
                anyExiting = true;
            }
            else if (AkkaGossip.IsJoiningOrWeaklyUp(g.Status[m])) g.Status[m] = AkkaGossip.Up;
        }
        g.OnlySeen(_self);
        Recompute();
        if (anyExiting) GossipToOldest();
        return g.Status[_self] == AkkaGossip.Exiting;
    }

    /// <summary>
    /// moveJoiningToWeaklyUp: the joining members that no observer not downed marks become weakly
    /// up, in one new version seen by this node alone: members that cluster routers may use while
    /// convergence, and with it their move to up, is held back.
    /// </summary>
    private void MoveJoiningToWeaklyUp()
    {
        bool Moves(int m) => _gossip.Status[m] == AkkaGossip.Joining && !_unreachable[m];
        if (!Enumerable.Range(0, _config.NodeCount).Any(Moves)) return;
        var g = Writable();
        for (int m = 0; m < _config.NodeCount; m++)
            if (Moves(m)) g.Status[m] = AkkaGossip.WeaklyUp;
        g.OnlySeen(_self);
        Recompute();
    }

    /// <summary>
    /// gossipToOldest (MembershipState.gossipTargetsForLeavingAndExitingMembers): the whole state
    /// to the two oldest members, the earliest incarnation first and then the lowest id (Akka's
    /// upNumber, then address), each if it is a gossip target.
    /// </summary>
    private void GossipToOldest()
    {
        var oldest = Enumerable.Range(0, _config.NodeCount).Where(IsMember).OrderBy(m => _gossip.Incarnation[m]).ThenBy(m => m).Take(2);
        foreach (int m in oldest)
            if (IsGossipTarget(m)) SendGossip(m);
    }

    /// <summary>
    /// exitingCompleted, as soon as this node sees itself exiting: its coordinated shutdown has no
    /// tasks of its own here (no sharding or singletons to hand over), so the exit completes at
    /// once. The node marks the state seen, gossips it to up to 5 random members, tells the
    /// member that leads without it, and the one that would lead without either, that its exit is
    /// confirmed (ExitingConfirmed), and shuts down.
    /// </summary>
    private void CompleteExiting()
    {
        if (!_gossip.SeenBy(_self)) Writable().MarkSeen(_self);
        GossipToRandomMembers(GossipsBeforeExiting);
        int first = LeaderOf(skip: _self);
        if (first >= 0)
        {
            SendExitingConfirmed(first);
            int second = LeaderOf(_self, first);
            if (second >= 0) SendExitingConfirmed(second);
        }
        Context.Exit();
    }

    private void SendExitingConfirmed(int to) =>
        Context.Send(to, new Message { Type = AkkaMessageType.ExitingConfirmed, SizeBytes = AkkaMessageType.HeaderBytes + AkkaMessageType.MemberBytes });

    /// <summary>
    /// shutdownSelfWhenDown: a downed node shuts down once every downed member is marked
    /// unreachable or has seen the state, so that the downs reach the other downed members first,
    /// or after MaxTicksBeforeShuttingDownMyself leader ticks waiting; it gossips the state to up
    /// to 5 random members on its way out. True when the node is to exit (the caller exits last).
    /// </summary>
    private bool ShutdownSelfWhenDown()
    {
        if (_gossip.Status[_self] != AkkaGossip.Down) return false;
        bool spread = true;
        for (int m = 0; m < _config.NodeCount; m++)
            if (_gossip.Status[m] == AkkaGossip.Down && !_marked[m] && !_gossip.SeenBy(m)) spread = false;
        if (!spread && _selfDownTicks < MaxTicksBeforeShuttingDown)
        {
            _selfDownTicks++;
            return false;
        }
        GossipToRandomMembers(MaxGossipsBeforeShuttingDown);
        return true;
    }

    /// <summary>gossipRandomN: the whole state to up to <paramref name="count"/> distinct random gossip targets.</summary>
    private void GossipToRandomMembers(int count)
    {
        int[] targets = Enumerable.Range(0, _config.NodeCount).Where(IsGossipTarget).ToArray();
        for (int i = 0; i < Math.Min(count, targets.Length); i++)
        {
            int j = i + Context.Random.NextInt(targets.Length - i);
            (targets[i], targets[j]) = (targets[j], targets[i]);
            SendGossip(targets[i]);
        }
    }
}
