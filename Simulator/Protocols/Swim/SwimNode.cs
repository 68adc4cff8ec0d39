using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// One SWIM member (Das, Gupta, Motivala 2002) as hashicorp/memberlist runs it (docs/references.md §1):
/// a probe per tick in round-robin over a shuffled member list, ping-req through k relays that
/// nack, suspicion with incarnation numbers and refutation, broadcasts piggybacked on every packet
/// and gossiped to a few peers, periodic push-pull of the full state, graceful leave, and
/// Lifeguard's awareness score, dynamic suspicion timeout and buddy ping (§5) as toggles.
/// </summary>
/// <remarks>
/// The node's view of every member lives in its row of the run's <see cref="SharedViewTable{T}"/>:
/// storage shared with the other nodes where they hold the same record, read and written by this
/// node alone. The list order is not stored: each pass over the members walks a
/// <see cref="KeyedPermutation"/> of all ids under a fresh key, skipping ids not in the list.
/// </remarks>
public sealed partial class SwimNode : ProtocolNode, IRingCarrier
{
    private const int ProbeTickTimer = 0;
    private const int ProbeTimeoutTimer = 1;
    private const int ProbeDeadlineTimer = 2;
    private const int GossipTimer = 3;
    private const int PushPullTimer = 4;
    private const int SuspicionTimer = 5;
    private const int RelayTimer = 6;
    /// <summary>A push-pull exchange (a join's or a periodic one) not done within TCPTimeout; the tag is the exchange's serial.</summary>
    private const int ExchangeTimer = 7;
    /// <summary>Tag of a joiner's first push-pull timer: the stagger ends, the scaled period starts, nothing is sent.</summary>
    private const long PushPullStagger = 1;

    private readonly SwimConfig _config;
    private readonly int _self;
    private readonly SharedViewTable<SwimMemberView> _view;
    /// <summary>Members in the view (self included): memberlist's len(m.nodes), its estNumNodes.</summary>
    private int _memberCount;
    /// <summary>The pass over memberlist's m.nodes: position in the permutation of all ids keyed by _passKey.</summary>
    private int _probeIndex;
    private ulong _passKey;
    private readonly BroadcastQueue _broadcasts = new();
    private readonly int[] _picked;
    private int _awareness;
    private int _sequence;
    private bool _left;

    /// <param name="context">The node's window on the run: id, clock, stream, send and timers.</param>
    /// <param name="config">The family's settings.</param>
    /// <param name="view">The run's table of member views (<see cref="SwimConfig.NodeFactory"/>); this node uses its row only.</param>
    internal SwimNode(INodeContext context, SwimConfig config, SharedViewTable<SwimMemberView> view) : base(context)
    {
        _config = config;
        _self = context.Id;
        _view = view;
        _picked = new int[Math.Max(Math.Max(config.IndirectProbes, config.GossipNodes), 1)];
    }

    /// <summary>This node's own incarnation number.</summary>
    public int Incarnation => IncarnationOf(_self);

    /// <summary>Lifeguard's local health score, in [0, awareness_max − 1].</summary>
    public int Awareness => _awareness;

    public SwimMemberState StateOf(int node) => View(node).State;

    public int IncarnationOf(int node) => View(node).Incarnation;

    private SwimMemberView View(int node) => _view.Get(_self, node);

    private void Write(int node, SwimMemberState state, int incarnation) =>
        _view.Set(_self, node, SwimMemberView.Of(state, incarnation, Context.NowUs));

    public override void Start()
    {
        _exchangeSerial = Context.NowUs;
        if (_ring is not null)
        {
            _tokens![_self] = _ring.Current(_self).Id;
            Context.Emit(ObservationKind.RingTokens, _self, _tokens[_self]);
            // A running cluster's nodes start with the ring they had (the initial tokens of every initial member).
            if (_self < _config.InitialMembers && Context.NowUs == 0)
                for (int i = 0; i < _config.InitialMembers; i++) _tokens[i] = _ring.Current(i).Id;
        }
        bool runningCluster = _self < _config.InitialMembers && Context.NowUs == 0;
        if (runningCluster)
        {
            // A cluster already up: everyone knows everyone alive at incarnation 0, the table's
            // baseline. This is the starting view, not news, so nothing is emitted for it.
            _view.Reset(_self, followBaseline: true);
            _memberCount = _config.InitialMembers;
            NewPass();
        }
        else
        {
            // A join or a restart starts from an empty view.
            _view.ResetToDefault(_self);
            Write(_self, SwimMemberState.Alive, 0);
            _memberCount++;
            // memberlist setAlive: the node announces itself, then Join pushes-pulls with the seeds in turn.
            _broadcasts.Enqueue(new SwimMemberUpdate(_self, SwimMemberState.Alive, 0, _self, OwnTokens));
            JoinSeeds();
        }
        // Tickers start at a random phase: the stagger memberlist draws so nodes do not synchronise.
        Context.SetTimer(ProbeTickTimer, Context.Random.NextInclusive(0, _config.ProbeIntervalUs - 1));
        Context.SetTimer(GossipTimer, Context.Random.NextInclusive(0, _config.GossipIntervalUs - 1));
        // Push-pull: a running cluster's nodes are at uniform phases of the scaled period, as nodes
        // started at different times would be. A joiner does what memberlist's pushPullTrigger
        // does: a stagger below the unscaled interval, then a whole period scaled by the members it
        // knows by then, so its first periodic push-pull comes a scaled period after its join's.
        if (runningCluster) Context.SetTimer(PushPullTimer, Context.Random.NextInclusive(0, PushPullPeriodUs() - 1));
        else Context.SetTimer(PushPullTimer, Context.Random.NextInclusive(0, _config.PushPullIntervalUs - 1), PushPullStagger);
    }

    public override void OnTimer(int kind, long tag)
    {
        switch (kind)
        {
            case ProbeTickTimer:
                Context.SetTimer(ProbeTickTimer, _config.ProbeIntervalUs);
                // A Go ticker keeps one missed tick: it runs as soon as the blocking probe returns.
                if (_probing) _tickPending = true;
                else Probe();
                break;
            case ProbeTimeoutTimer:
                if (_probing && tag == _probeSeq) SendIndirectProbes(deadlinePassed: false);
                break;
            case ProbeDeadlineTimer:
                if (!_probing || tag != _probeSeq) break;
                // The deadline came first (scaled interval ≤ ProbeTimeout): memberlist still asks
                // the relays, and counts every nack they cannot send in time as missed.
                if (!_relaysAsked) SendIndirectProbes(deadlinePassed: true);
                FailProbe();
                break;
            case GossipTimer:
                Context.SetTimer(GossipTimer, _config.GossipIntervalUs);
                Gossip();
                break;
            case PushPullTimer:
                if (tag == PushPullStagger) Context.SetTimer(PushPullTimer, PushPullPeriodUs());
                else PushPullRound();
                break;
            case SuspicionTimer:
                OnSuspicionTimer((int)(tag & 0xFFFF_FFFF), (int)(tag >> 32));
                break;
            case RelayTimer:
                OnRelayTimeout((int)tag);
                break;
            case ExchangeTimer:
                OnExchangeTimeout(tag);
                break;
        }
    }

    public override void OnMessage(in Message message)
    {
        if (message.Type == SwimMessageType.PushPull)
        {
            OnPushPull(message);
            return;
        }
        int seq = (int)message.A;
        int target = (int)(message.B >> 8);
        bool tcp = (message.B & OverTcp) != 0;
        switch ((int)(message.B & 0x7F))
        {
            case MemberlistWire.Ping:
                // memberlist drops a ping meant for another node name; a TCP ping is answered on its connection.
                if (target != _self) break;
                if (tcp) Context.SendStream(message.From, TcpPing(MemberlistWire.Ack, seq, _self), legs: 1);
                else SendPacket(message.From, MemberlistWire.Ack, seq, _self);
                break;
            case MemberlistWire.PingReq:
                RelayPing(message.From, seq, target);
                break;
            case MemberlistWire.Ack:
                if (!tcp) OnAck(seq);
                else if (_probing && seq == _probeSeq) _tcpContact = true;
                break;
            case MemberlistWire.Nack:
                if (_probing && seq == _probeSeq) _nacks++;
                break;
        }
        if (message.Payload is SwimMemberUpdate[] updates)
            foreach (var u in updates) ApplyBroadcast(u);
    }

    /// <summary>
    /// memberlist Leave: a dead message about itself from itself. memberlist then blocks until the
    /// broadcast has gone out once; here the node stops right after, so it gossips it at once.
    /// </summary>
    public override LeaveProgress OnLeave()
    {
        _left = true;
        DeadNode(_self, Incarnation, _self);
        Gossip();
        return LeaveProgress.Done;
    }

    /// <summary>The process is gone: its row of the shared table is released.</summary>
    public override void OnStopped() => _view.Reset(_self, followBaseline: false);
}
