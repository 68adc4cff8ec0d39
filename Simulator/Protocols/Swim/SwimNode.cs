using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Protocols.Wire;
using GossipSim.Simulator.Ring;

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
public sealed class SwimNode : ProtocolNode, IRingCarrier
{
    private const int ProbeTickTimer = 0;
    private const int ProbeTimeoutTimer = 1;
    private const int ProbeDeadlineTimer = 2;
    private const int GossipTimer = 3;
    private const int PushPullTimer = 4;
    private const int SuspicionTimer = 5;
    private const int RelayTimer = 6;
    // Timer kind 7 stays free.

    // What the single message of a packet (or the first part of a compound) is.
    private const int PrimaryNone = 0;
    private const int PrimaryPing = 1;
    private const int PrimaryPingReq = 2;
    private const int PrimaryAck = 3;
    private const int PrimaryNack = 4;
    /// <summary>Flag beside the primary: the message went over TCP (a fallback ping or its ack), so its answer does too.</summary>
    private const int OverTcp = 0x80;

    private readonly SwimConfig _config;
    private readonly int _self;
    private readonly SharedViewTable<SwimMemberView> _view;
    /// <summary>Members in the view (self included): memberlist's len(m.nodes), its estNumNodes.</summary>
    private int _memberCount;
    /// <summary>The pass over memberlist's m.nodes: position in the permutation of all ids keyed by _passKey.</summary>
    private int _probeIndex;
    private ulong _passKey;
    private readonly BroadcastQueue _broadcasts = new();
    /// <summary>Open suspicions by suspected member: in a partition a node holds one about each member across it, so they are looked up, not searched.</summary>
    private readonly Dictionary<int, Suspicion> _suspicions = new();
    private readonly List<RelayProbe> _relays = new();
    private readonly List<SwimMemberUpdate> _piggyback = new();
    private readonly int[] _picked;
    private int _awareness;
    private int _sequence;
    private int _suspicionSerial;
    private bool _left;
    private RingRegistry? _ring;
    /// <summary>With a ring: each member's token-set id from its meta (-1 none); ownership outlives reaping of the dead.</summary>
    private int[]? _tokens;

    // The probe in flight (memberlist's probeNode blocks its ticker while it waits).
    private bool _probing;
    private int _probeSeq;
    private int _probeTarget;
    private int _probeTargetIncarnation;
    private int _expectedNacks;
    private int _nacks;
    /// <summary>The probe's TCP fallback ping was answered (memberlist's didContact).</summary>
    private bool _tcpContact;
    private bool _tickPending;

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

    public void AttachRing(RingRegistry ring)
    {
        _ring = ring;
        _broadcasts.MetaSizeBytes = ring.Settings.SwimMetaBytes;
        _tokens = new int[_config.NodeCount];
        Array.Fill(_tokens, -1);
    }

    /// <summary>memberlist UpdateNode: new meta at a new incarnation, broadcast as an alive about self.</summary>
    public void OnTokensMoved()
    {
        int tokens = _ring!.Current(_self).Id;
        _tokens![_self] = tokens;
        var self = View(_self);
        Write(_self, self.State, self.Incarnation + 1);
        _broadcasts.Enqueue(new SwimMemberUpdate(_self, SwimMemberState.Alive, self.Incarnation + 1, _self, tokens));
        Context.Emit(ObservationKind.RingTokens, _self, tokens);
    }

    private int OwnTokens => _tokens is null ? -1 : _tokens[_self];

    /// <summary>Takes a member's meta from an accepted alive; reports a change of its tokens.</summary>
    private void TakeTokens(int node, int tokens)
    {
        if (_tokens is null || tokens < 0 || _tokens[node] == tokens) return;
        _tokens[node] = tokens;
        Context.Emit(ObservationKind.RingTokens, node, tokens);
    }

    public override void Start()
    {
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
            // memberlist setAlive: the node announces itself, then Join pushes-pulls with the seeds.
            _broadcasts.Enqueue(new SwimMemberUpdate(_self, SwimMemberState.Alive, 0, _self, OwnTokens));
            JoinSeeds();
        }
        // Tickers start at a random phase: the stagger memberlist draws so nodes do not synchronise.
        Context.SetTimer(ProbeTickTimer, Context.Random.NextInclusive(0, _config.ProbeIntervalUs - 1));
        Context.SetTimer(GossipTimer, Context.Random.NextInclusive(0, _config.GossipIntervalUs - 1));
        Context.SetTimer(PushPullTimer, Context.Random.NextInclusive(0, PushPullPeriodUs() - 1));
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
                if (_probing && tag == _probeSeq) SendIndirectProbes();
                break;
            case ProbeDeadlineTimer:
                if (_probing && tag == _probeSeq) FailProbe();
                break;
            case GossipTimer:
                Context.SetTimer(GossipTimer, _config.GossipIntervalUs);
                Gossip();
                break;
            case PushPullTimer:
                Context.SetTimer(PushPullTimer, PushPullPeriodUs());
                PushPullRound();
                break;
            case SuspicionTimer:
                OnSuspicionTimer((int)(tag & 0xFFFF_FFFF), (int)(tag >> 32));
                break;
            case RelayTimer:
                OnRelayTimeout((int)tag);
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
            case PrimaryPing:
                // memberlist drops a ping meant for another node name; a TCP ping is answered on its connection.
                if (target != _self) break;
                if (tcp) SendTcp(message.From, PrimaryAck, seq, _self, legs: 1);
                else SendPacket(message.From, PrimaryAck, seq, _self);
                break;
            case PrimaryPingReq:
                RelayPing(message.From, seq, target);
                break;
            case PrimaryAck:
                if (!tcp) OnAck(seq);
                else if (_probing && seq == _probeSeq) _tcpContact = true;
                break;
            case PrimaryNack:
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
    public override void OnLeave()
    {
        _left = true;
        DeadNode(_self, Incarnation, _self);
        Gossip();
    }

    /// <summary>The process is gone: its row of the shared table is released.</summary>
    public override void OnStopped() => _view.Reset(_self, followBaseline: false);

    // ---- probing -------------------------------------------------------------------------

    /// <summary>
    /// memberlist probe(): next member in list order, skipping self, dead and left; reshuffle on wrap.
    /// The order is the pass's permutation of all ids; an id not in the list takes no place in it
    /// and costs no check (memberlist's numCheck counts list entries).
    /// </summary>
    private void Probe()
    {
        int checks = 0;
        int n = _config.NodeCount;
        while (checks < _memberCount)
        {
            if (_probeIndex >= n)
            {
                ResetMembers();
                _probeIndex = 0;
                checks++;
                continue;
            }
            int node = KeyedPermutation.At(_probeIndex++, n, _passKey);
            var view = View(node);
            if (!view.IsMember) continue;
            if (node == _self || view.IsDeadOrLeft)
            {
                checks++;
                continue;
            }
            ProbeNode(node, view);
            return;
        }
    }

    private void ProbeNode(int target, SwimMemberView view)
    {
        _probing = true;
        _probeSeq = ++_sequence;
        _probeTarget = target;
        _probeTargetIncarnation = view.Incarnation;
        _expectedNacks = 0;
        _nacks = 0;
        _tcpContact = false;
        long intervalUs = _config.Lifeguard.Lha ? SwimMath.ScaleByAwarenessUs(_config.ProbeIntervalUs, _awareness) : _config.ProbeIntervalUs;
        if (view.State != SwimMemberState.Alive && _config.Lifeguard.Buddy) SendBuddyPing(target, view.Incarnation);
        else SendPacket(target, PrimaryPing, _probeSeq, target);
        // ProbeTimeout is not scaled by awareness (memberlist: waiting longer does not help UDP through).
        Context.SetTimer(ProbeTimeoutTimer, _config.ProbeTimeoutUs, _probeSeq);
        Context.SetTimer(ProbeDeadlineTimer, intervalUs, _probeSeq);
    }

    private void SendIndirectProbes()
    {
        int target = _probeTarget;
        int count = RandomMembers(_config.IndirectProbes, target, aliveOnly: true, recentDeadToo: false);
        // Every relay speaks protocol ≥ 4 here, so each is expected to nack.
        _expectedNacks = count;
        for (int i = 0; i < count; i++) SendPacket(_picked[i], PrimaryPingReq, _probeSeq, target);
        // memberlist (DisableTcpPings false): a TCP ping alongside, whose answer is looked at only
        // at the probe's deadline, when no UDP ack came.
        if (_config.TcpPings) SendTcp(target, PrimaryPing, _probeSeq, target, legs: 3);
    }

    /// <summary>A ping or ack over TCP: a fresh connection takes 3 one-way latencies, the reply on it 1.</summary>
    private void SendTcp(int to, int primary, int seq, int target, int legs) =>
        Context.SendStream(to, new Message { Type = PrimaryType(primary), SizeBytes = PrimaryBytes(primary), A = seq, B = ((long)target << 8) + primary + OverTcp }, legs);

    private void OnAck(int seq)
    {
        if (_probing && seq == _probeSeq)
        {
            AdjustAwareness(-1);
            EndProbe();
            return;
        }
        int r = RelayIndex(seq);
        if (r < 0) return;
        var relay = _relays[r];
        _relays.RemoveAt(r);
        SendPacket(relay.Origin, PrimaryAck, relay.OriginSeq, relay.Origin);
    }

    /// <summary>No ack by the (awareness-scaled) end of the probe interval: the target becomes suspect.</summary>
    private void FailProbe()
    {
        if (_tcpContact)
        {
            // Reached over TCP though UDP failed: memberlist returns with the probe counted as a success.
            AdjustAwareness(-1);
            EndProbe();
            return;
        }
        AdjustAwareness(SwimMath.FailedProbeAwarenessDelta(_expectedNacks, _nacks));
        int target = _probeTarget;
        int incarnation = _probeTargetIncarnation;
        _probing = false;
        SuspectNode(target, incarnation, _self);
        if (_tickPending)
        {
            _tickPending = false;
            Probe();
        }
    }

    private void EndProbe()
    {
        _probing = false;
        Context.CancelTimers(ProbeTimeoutTimer);
        Context.CancelTimers(ProbeDeadlineTimer);
        if (_tickPending)
        {
            _tickPending = false;
            Probe();
        }
    }

    /// <summary>A ping-req: ping the target for the origin, forward its ack, or nack after our own ProbeTimeout.</summary>
    private void RelayPing(int origin, int originSeq, int target)
    {
        int seq = ++_sequence;
        _relays.Add(new RelayProbe(seq, origin, originSeq));
        SendPacket(target, PrimaryPing, seq, target);
        Context.SetTimer(RelayTimer, _config.ProbeTimeoutUs, seq);
    }

    private void OnRelayTimeout(int seq)
    {
        int r = RelayIndex(seq);
        if (r < 0) return;
        var relay = _relays[r];
        _relays.RemoveAt(r);
        SendPacket(relay.Origin, PrimaryNack, relay.OriginSeq, relay.Origin);
    }

    private int RelayIndex(int seq)
    {
        for (int i = 0; i < _relays.Count; i++) if (_relays[i].Seq == seq) return i;
        return -1;
    }

    // ---- membership state (memberlist state.go aliveNode / suspectNode / deadNode) ---------

    private void ApplyBroadcast(in SwimMemberUpdate u)
    {
        switch (u.State)
        {
            case SwimMemberState.Alive: AliveNode(u.Node, u.Incarnation, u.Tokens); break;
            case SwimMemberState.Suspect: SuspectNode(u.Node, u.Incarnation, u.From); break;
            case SwimMemberState.Dead: DeadNode(u.Node, u.Incarnation, u.From); break;
        }
    }

    /// <summary>Alive wins over what we hold when its incarnation is newer (§1 "Precedence").</summary>
    private void AliveNode(int node, int incarnation, int tokens)
    {
        var view = View(node);
        if (node == _self)
        {
            // Someone spreads an alive about us newer than ours (an earlier life): outbid it.
            if (incarnation > view.Incarnation && !_left) Refute(incarnation);
            return;
        }
        var before = view.State;
        // A new member joins the list; its place in this pass is where the permutation puts it, a
        // random index as memberlist's insertion draws.
        if (before == SwimMemberState.Unknown) _memberCount++;
        else if (incarnation <= view.Incarnation) return;
        RemoveSuspicion(node);
        _broadcasts.Enqueue(new SwimMemberUpdate(node, SwimMemberState.Alive, incarnation, _self, tokens));
        Write(node, SwimMemberState.Alive, incarnation);
        TakeTokens(node, tokens);
        if (before == SwimMemberState.Alive) return;
        Context.Emit(ObservationKind.MarkedAlive, node, incarnation);
    }

    /// <summary>Suspect wins when its incarnation is at least ours and the node is alive; about a suspect it confirms.</summary>
    private void SuspectNode(int node, int incarnation, int from)
    {
        var view = View(node);
        if (!view.IsMember || incarnation < view.Incarnation) return;
        var suspicion = FindSuspicion(node);
        if (suspicion is not null)
        {
            // A new independent confirmation is re-gossiped so more of them reach every suspecter.
            if (Confirm(suspicion, from)) _broadcasts.Enqueue(new SwimMemberUpdate(node, SwimMemberState.Suspect, incarnation, from));
            return;
        }
        if (view.State != SwimMemberState.Alive) return;
        if (node == _self)
        {
            if (!_left) Refute(incarnation);
            return;
        }
        _broadcasts.Enqueue(new SwimMemberUpdate(node, SwimMemberState.Suspect, incarnation, from));
        Write(node, SwimMemberState.Suspect, incarnation);
        Context.Emit(ObservationKind.Suspected, node, incarnation);
        StartSuspicion(node, from);
    }

    /// <summary>Dead wins when its incarnation is at least ours; dead from the node itself means it left.</summary>
    private void DeadNode(int node, int incarnation, int from)
    {
        var view = View(node);
        if (!view.IsMember || incarnation < view.Incarnation) return;
        RemoveSuspicion(node);
        if (view.IsDeadOrLeft) return;
        if (node == _self && !_left)
        {
            // A restarted node meets its own death notice: it outbids it, as memberlist refutes any accusation.
            Refute(incarnation);
            return;
        }
        _broadcasts.Enqueue(new SwimMemberUpdate(node, SwimMemberState.Dead, incarnation, from));
        if (from == node)
        {
            Write(node, SwimMemberState.Left, incarnation);
            if (node != _self) Context.Emit(ObservationKind.Removed, node, incarnation);
            // A graceful leave takes the node's tokens out of the ring.
            if (node != _self && _tokens is not null && _tokens[node] >= 0)
            {
                _tokens[node] = -1;
                Context.Emit(ObservationKind.RingTokens, node, -1);
            }
        }
        else
        {
            Write(node, SwimMemberState.Dead, incarnation);
            Context.Emit(ObservationKind.MarkedDead, node, incarnation);
        }
    }

    /// <summary>Outbid an accusation: incarnation max(own+1, accused+1), broadcast alive (§1, state.go refute).</summary>
    private void Refute(int accusedIncarnation)
    {
        var self = View(_self);
        int incarnation = Math.Max(self.Incarnation + 1, accusedIncarnation + 1);
        Write(_self, self.State, incarnation);
        AdjustAwareness(1);
        _broadcasts.Enqueue(new SwimMemberUpdate(_self, SwimMemberState.Alive, incarnation, _self, OwnTokens));
    }

    private void AdjustAwareness(int delta)
    {
        if (_config.Lifeguard.Lha) _awareness = SwimMath.ApplyAwarenessDelta(_awareness, delta, _config.Lifeguard.AwarenessMax);
    }

    // ---- suspicion timers (memberlist suspicion.go) ---------------------------------------

    private void StartSuspicion(int node, int accuser)
    {
        int n = _memberCount;
        int k = SwimMath.ExpectedConfirmations(_config.SuspicionMult, n);
        long minUs = SwimMath.SuspicionMinUs(_config.SuspicionMult, n, _config.ProbeIntervalUs);
        long maxUs = SwimMath.SuspicionMaxUs(_config.SuspicionMaxTimeoutMult, minUs);
        // Without Lifeguard's dynamic timeout, SWIM's fixed suspicion timeout is the Min.
        long timeoutUs = _config.Lifeguard.Lhs && k >= 1 ? maxUs : minUs;
        var s = new Suspicion(node, ++_suspicionSerial, Context.NowUs, k, minUs, maxUs, Context.NowUs + timeoutUs);
        s.Confirmers.Add(accuser);
        _suspicions.Add(node, s);
        Context.SetTimer(SuspicionTimer, timeoutUs, SuspicionTag(s));
    }

    /// <summary>Counts a distinct confirmer (the accuser excluded, at most K); with lhs the deadline falls.</summary>
    private bool Confirm(Suspicion s, int from)
    {
        if (s.Confirmations >= s.K || s.Confirmers.Contains(from)) return false;
        s.Confirmers.Add(from);
        s.Confirmations++;
        if (!_config.Lifeguard.Lhs) return true;
        long deadlineUs = s.StartUs + SwimMath.SuspicionTimeoutUs(s.Confirmations, s.K, s.MinUs, s.MaxUs);
        if (deadlineUs >= s.DeadlineUs) return true;
        s.DeadlineUs = deadlineUs;
        // A deadline already past fires as soon as the current message is done (memberlist: go timeoutFn()).
        Context.SetTimer(SuspicionTimer, deadlineUs - Context.NowUs, SuspicionTag(s));
        return true;
    }

    private void OnSuspicionTimer(int node, int serial)
    {
        var s = FindSuspicion(node);
        if (s is null || s.Serial != serial || Context.NowUs < s.DeadlineUs) return;
        DeadNode(node, IncarnationOf(node), _self);
    }

    private static long SuspicionTag(Suspicion s) => (long)(((ulong)(uint)s.Serial << 32) | (uint)s.Node);

    private Suspicion? FindSuspicion(int node) => _suspicions.GetValueOrDefault(node);

    private void RemoveSuspicion(int node) => _suspicions.Remove(node);

    // ---- dissemination --------------------------------------------------------------------

    /// <summary>memberlist gossip(): broadcasts, fetched separately per target, to GossipNodes random peers.</summary>
    private void Gossip()
    {
        if (_broadcasts.Count == 0) return;
        int count = RandomMembers(_config.GossipNodes, -1, aliveOnly: false, recentDeadToo: true);
        for (int i = 0; i < count; i++)
            if (!SendPacket(_picked[i], PrimaryNone, 0, -1)) return;
    }

    /// <summary>
    /// Sends one packet: the primary message (if any) plus as many queued broadcasts as fit the
    /// MTU budget (memberlist sendMsg / gossip). False when there was nothing to send.
    /// </summary>
    private bool SendPacket(int to, int primary, int seq, int target)
    {
        int primaryBytes = PrimaryBytes(primary);
        _piggyback.Clear();
        int retransmitLimit = SwimMath.RetransmitLimit(_config.RetransmitMult, _memberCount);
        _broadcasts.Take(SwimSizes.CompoundPart, _config.MtuBytes - primaryBytes - SwimSizes.CompoundHeader, retransmitLimit, _piggyback);
        int type;
        object? payload = null;
        if (_piggyback.Count == 0)
        {
            if (primary == PrimaryNone) return false;
            type = PrimaryType(primary);
        }
        else
        {
            payload = _piggyback.ToArray();
            type = primary == PrimaryNone && _piggyback.Count == 1 ? SwimSizes.TypeOfUpdate(_piggyback[0].State) : SwimMessageType.Compound;
            if (_tokens is not null) ReportMetaBytes(to, _piggyback);
        }
        // memberlist adds its CRC only where it sends with the node in hand: gossip, not sendMsg's replies and probes.
        int bytes = MemberlistWire.Packet(primary, seq, _piggyback, _broadcasts.MetaSizeBytes, crc: primary == PrimaryNone, _config.Compression);
        var message = new Message { Type = type, SizeBytes = bytes, A = seq, B = ((long)target << 8) + primary, Payload = payload };
        Context.Send(to, message);
        return true;
    }

    private void ReportMetaBytes(int to, List<SwimMemberUpdate> updates)
    {
        int meta = 0;
        foreach (var u in updates) meta += u.MetaBytes(_broadcasts.MetaSizeBytes);
        if (meta > 0) Context.Emit(ObservationKind.RingBytesSent, to, meta);
    }

    /// <summary>Lifeguard buddy system: a ping to a suspect travels with the suspicion, so it can refute at once.</summary>
    private void SendBuddyPing(int target, int incarnation)
    {
        var suspect = new SwimMemberUpdate(target, SwimMemberState.Suspect, incarnation, _self);
        var parts = Scratch.BuddyParts;
        parts.Clear();
        parts.Add(suspect);
        int bytes = MemberlistWire.Packet(PrimaryPing, _probeSeq, parts, 0, crc: true, _config.Compression);
        Context.Send(target, new Message
        {
            Type = SwimMessageType.Compound, SizeBytes = bytes, A = _probeSeq, B = ((long)target << 8) + PrimaryPing, Payload = new[] { suspect },
        });
    }

    private static int PrimaryBytes(int primary) => primary switch
    {
        PrimaryPing => SwimSizes.Ping,
        PrimaryPingReq => SwimSizes.IndirectPing,
        PrimaryAck => SwimSizes.Ack,
        PrimaryNack => SwimSizes.Nack,
        _ => 0,
    };

    private static int PrimaryType(int primary) => primary switch
    {
        PrimaryPing => SwimMessageType.Ping,
        PrimaryPingReq => SwimMessageType.PingReq,
        PrimaryAck => SwimMessageType.Ack,
        _ => SwimMessageType.Nack,
    };

    // ---- push-pull (memberlist pushPull / mergeState) ------------------------------------

    private long PushPullPeriodUs() => SwimMath.PushPullPeriodUs(_config.PushPullIntervalUs, Math.Max(1, _memberCount));

    private void PushPullRound()
    {
        if (RandomMembers(1, -1, aliveOnly: true, recentDeadToo: false) == 1) SendPushPull(_picked[0], request: true);
        // Alone (the seeds never answered): try the seeds again, as an operator's retried join would.
        else if (_memberCount <= 1) JoinSeeds();
    }

    private void JoinSeeds()
    {
        foreach (int seed in _config.Seeds)
            if (seed != _self && (uint)seed < (uint)_config.NodeCount) SendPushPull(seed, request: true);
    }

    private void SendPushPull(int to, bool request)
    {
        var differences = Scratch.Differences;
        _view.CopyDifferences(_self, differences);
        var snapshot = new SwimStateSnapshot(_view.FollowsBaseline(_self), _view.FoldCount, differences.ToArray(), (int[]?)_tokens?.Clone());
        int metaRows = 0;
        if (_tokens is not null)
        {
            // Every row carries its meta (memberlist pushNodeState.Meta), alive or not.
            for (int node = 0; node < _config.NodeCount; node++)
                if (_tokens[node] >= 0 && View(node).IsMember) metaRows++;
            if (metaRows > 0) Context.Emit(ObservationKind.RingBytesSent, to, metaRows * _broadcasts.MetaSizeBytes);
        }
        // Over TCP, as memberlist's sendAndReceiveState: a new connection for a request, the reply on it.
        Context.SendStream(to, new Message
        {
            Type = SwimMessageType.PushPull,
            SizeBytes = MemberlistWire.PushPull(_memberCount, metaRows, _broadcasts.MetaSizeBytes, dialer: request, _config.Compression),
            A = request ? 1 : 0,
            Payload = snapshot,
        }, request ? 3 : 1);
    }

    /// <summary>
    /// Merges the sender's whole state, row by row in ascending member id. Rows that cannot change
    /// this view are skipped: where both views read the same baseline cell (never a suspect), the
    /// row is one this node already holds, and merging it is a no-op in every state.
    /// </summary>
    private void OnPushPull(in Message message)
    {
        // The receiver answers with its own state first, then merges (memberlist handleConn).
        if (message.A == 1) SendPushPull(message.From, request: false);
        var remote = (SwimStateSnapshot)message.Payload!;
        var columns = Scratch.Columns;
        MergeColumns(remote, columns);
        foreach (int node in columns)
        {
            var row = remote.ViewOf(node, _view);
            int tokens = remote.Tokens?[node] ?? -1;
            switch (row.State)
            {
                case SwimMemberState.Alive: AliveNode(node, row.Incarnation, tokens); break;
                case SwimMemberState.Left: DeadNode(node, row.Incarnation, node); break;
                // A remote death is merged as our own suspicion: we prefer to check before declaring.
                case SwimMemberState.Dead:
                case SwimMemberState.Suspect: SuspectNode(node, row.Incarnation, _self); break;
            }
        }
    }

    /// <summary>The ids whose rows may change this view, ascending: all of them unless both sides follow the baseline.</summary>
    private void MergeColumns(SwimStateSnapshot remote, List<int> into)
    {
        into.Clear();
        if (!remote.FollowsBaseline)
        {
            foreach (var (node, _) in remote.Differences) into.Add(node);
            return;
        }
        if (!_view.FollowsBaseline(_self))
        {
            for (int node = 0; node < _config.NodeCount; node++) into.Add(node);
            return;
        }
        foreach (var (node, _) in remote.Differences) into.Add(node);
        var own = Scratch.Differences;
        _view.CopyDifferences(_self, own);
        foreach (var (node, _) in own) into.Add(node);
        _view.FoldedColumnsSince(remote.FoldCount, into);
        into.Sort();
        int kept = 0;
        for (int i = 0; i < into.Count; i++)
            if (i == 0 || into[i] != into[i - 1]) into[kept++] = into[i];
        into.RemoveRange(kept, into.Count - kept);
    }

    // ---- the member list ------------------------------------------------------------------

    /// <summary>A new pass over the list: a fresh key for the permutation (memberlist shuffles m.nodes).</summary>
    private void NewPass() => _passKey = Context.Random.NextUInt64();

    /// <summary>On wrap: forget dead and left members older than GossipToTheDeadTime, then shuffle.</summary>
    private void ResetMembers()
    {
        long now = Context.NowUs;
        for (int node = 0; node < _config.NodeCount; node++)
        {
            var view = View(node);
            if (!view.IsDeadOrLeft || now - view.ChangedUs <= _config.GossipToTheDeadTimeUs) continue;
            if (view.State == SwimMemberState.Dead) Context.Emit(ObservationKind.Removed, node, view.Incarnation);
            _view.Set(_self, node, default);
            _memberCount--;
        }
        NewPass();
    }

    /// <summary>
    /// memberlist kRandomNodes: up to <paramref name="k"/> distinct members into <see cref="_picked"/>,
    /// from at most 3·n uniform draws (exhaustive for small n, cheap for large).
    /// </summary>
    private int RandomMembers(int k, int exclude, bool aliveOnly, bool recentDeadToo)
    {
        int n = _memberCount, found = 0;
        // Only self in the list: every draw would land on it.
        if (n <= 1) return 0;
        for (int attempt = 0; attempt < 3 * n && found < k; attempt++)
        {
            int node = RandomMember(out var view);
            if (node == _self || node == exclude) continue;
            var state = view.State;
            bool eligible = state == SwimMemberState.Alive
                || (!aliveOnly && state == SwimMemberState.Suspect)
                || (recentDeadToo && state == SwimMemberState.Dead && Context.NowUs - view.ChangedUs <= _config.GossipToTheDeadTimeUs);
            if (!eligible || _picked.AsSpan(0, found).Contains(node)) continue;
            _picked[found++] = node;
        }
        return found;
    }

    /// <summary>A uniform member of the list, as memberlist's random index into m.nodes: ids are drawn until one is in it (self always is).</summary>
    private int RandomMember(out SwimMemberView view)
    {
        while (true)
        {
            int node = Context.Random.NextInt(_config.NodeCount);
            view = View(node);
            if (view.IsMember) return node;
        }
    }

    private sealed class Suspicion(int node, int serial, long startUs, int k, long minUs, long maxUs, long deadlineUs)
    {
        public int Node { get; } = node;
        public int Serial { get; } = serial;
        public long StartUs { get; } = startUs;
        public int K { get; } = k;
        public long MinUs { get; } = minUs;
        public long MaxUs { get; } = maxUs;
        public long DeadlineUs { get; set; } = deadlineUs;
        public int Confirmations { get; set; }
        /// <summary>The accuser and each confirmer: one confirmation per peer.</summary>
        public List<int> Confirmers { get; } = new(4);
    }

    private readonly record struct RelayProbe(int Seq, int Origin, int OriginSeq);

    /// <summary>Work lists of push-pull and the buddy ping, one set per thread (a run is single-threaded), so a node costs none.</summary>
    private static class Scratch
    {
        [ThreadStatic] private static List<(int, SwimMemberView)>? t_differences;
        [ThreadStatic] private static List<int>? t_columns;
        [ThreadStatic] private static List<SwimMemberUpdate>? t_buddyParts;

        public static List<SwimMemberUpdate> BuddyParts => t_buddyParts ??= new();

        public static List<(int Column, SwimMemberView Value)> Differences => t_differences ??= new();

        public static List<int> Columns => t_columns ??= new();
    }
}
