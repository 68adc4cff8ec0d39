using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Protocols.Swim;

// Probing and the membership state (memberlist state.go): the probe round-robin, ping-req relays,
// alive/suspect/dead precedence with refutation, Lifeguard's awareness, and the member list.
public sealed partial class SwimNode
{
    // The probe in flight (memberlist's probeNode blocks its ticker while it waits).
    private bool _probing;
    private int _probeSeq;
    private int _probeTarget;
    private int _probeTargetIncarnation;
    /// <summary>When the current probe ends (its scaled interval after it began): the TCP ping's dial has until then.</summary>
    private long _probeDeadlineUs;
    private int _expectedNacks;
    /// <summary>The probe has sent its ping-reqs (at ProbeTimeout, or at the deadline if that came first).</summary>
    private bool _relaysAsked;
    private int _nacks;
    /// <summary>The probe's TCP fallback ping was answered (memberlist's didContact).</summary>
    private bool _tcpContact;
    private bool _tickPending;
    private readonly List<RelayProbe> _relays = new();

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
        _relaysAsked = false;
        _nacks = 0;
        _tcpContact = false;
        long intervalUs = _config.Lifeguard.Lha ? SwimMath.ScaleByAwarenessUs(_config.ProbeIntervalUs, _awareness) : _config.ProbeIntervalUs;
        if (view.State != SwimMemberState.Alive && _config.Lifeguard.Buddy) SendBuddyPing(target, view.Incarnation);
        else SendPacket(target, MemberlistWire.Ping, _probeSeq, target);
        // ProbeTimeout is not scaled by awareness (memberlist: waiting longer does not help UDP through).
        // A deadline no later than it ends the wait first (ProbeDeadlineTimer).
        if (_config.ProbeTimeoutUs < intervalUs) Context.SetTimer(ProbeTimeoutTimer, _config.ProbeTimeoutUs, _probeSeq);
        Context.SetTimer(ProbeDeadlineTimer, intervalUs, _probeSeq);
        _probeDeadlineUs = Context.NowUs + intervalUs;
    }

    /// <summary>
    /// No ack by ProbeTimeout: ping-req to k random alive members, and the TCP fallback ping.
    /// memberlist's probeNode also comes here when the deadline's timeout ended its wait first
    /// (<paramref name="deadlinePassed"/>); its TCP dial then has no time left and fails at once.
    /// </summary>
    private void SendIndirectProbes(bool deadlinePassed)
    {
        int target = _probeTarget;
        int count = RandomMembers(_config.IndirectProbes, target, aliveOnly: true, recentDeadToo: false);
        // Every relay speaks protocol ≥ 4 here, so each is expected to nack.
        _expectedNacks = count;
        _relaysAsked = true;
        for (int i = 0; i < count; i++) SendPacket(_picked[i], MemberlistWire.PingReq, _probeSeq, target);
        // memberlist (DisableTcpPings false): a TCP ping alongside, whose answer is looked at only
        // at the probe's deadline, when no UDP ack came.
        // The dial has until the probe's deadline (sendPingAndWaitForAck: DialAddressTimeout(a, time.Until(deadline))).
        if (_config.TcpPings && !deadlinePassed) Context.OpenStream(target, TcpPing(MemberlistWire.Ping, _probeSeq, target), _probeDeadlineUs - Context.NowUs);
    }

    /// <summary>A ping or its ack over TCP: the ping on a connection the pinger dials, the ack back on it.</summary>
    private Message TcpPing(int primary, int seq, int target) => new()
    {
        Type = PrimaryType(primary),
        SizeBytes = MemberlistWire.PingStream(primary, seq, _config.Compression, dialer: primary == MemberlistWire.Ping, _config.Sealing),
        A = seq,
        B = ((long)target << 8) + primary + OverTcp,
    };

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
        SendPacket(relay.Origin, MemberlistWire.Ack, relay.OriginSeq, relay.Origin);
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
        SendPacket(target, MemberlistWire.Ping, seq, target);
        Context.SetTimer(RelayTimer, _config.ProbeTimeoutUs, seq);
    }

    private void OnRelayTimeout(int seq)
    {
        int r = RelayIndex(seq);
        if (r < 0) return;
        var relay = _relays[r];
        _relays.RemoveAt(r);
        SendPacket(relay.Origin, MemberlistWire.Nack, relay.OriginSeq, relay.Origin);
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
    /// memberlist kRandomNodes (util.go @1b4c746): up to <paramref name="k"/> distinct eligible
    /// members into <see cref="_picked"/>. Below 3k members it shuffles the whole list and takes
    /// the first k eligible, so none is missed; otherwise it makes at most 3·n uniform draws.
    /// </summary>
    private int RandomMembers(int k, int exclude, bool aliveOnly, bool recentDeadToo)
    {
        int n = _memberCount, found = 0;
        // Only self in the list: every draw would land on it.
        if (n <= 1) return 0;
        if (n < 3 * k) return ShuffledMembers(k, exclude, aliveOnly, recentDeadToo);
        for (int attempt = 0; attempt < 3 * n && found < k; attempt++)
        {
            int node = RandomMember(out var view);
            if (!IsEligible(node, view, exclude, aliveOnly, recentDeadToo) || _picked.AsSpan(0, found).Contains(node)) continue;
            _picked[found++] = node;
        }
        return found;
    }

    /// <summary>
    /// kRandomNodes for a list shorter than 3k: the list shuffled, the first k eligible taken. The
    /// list is found among all ids, which costs the id space, but only a node that knows so few
    /// members (a joiner before its first push-pull, a tiny cluster) comes here.
    /// </summary>
    private int ShuffledMembers(int k, int exclude, bool aliveOnly, bool recentDeadToo)
    {
        var members = Scratch.Members;
        members.Clear();
        for (int node = 0; node < _config.NodeCount; node++)
            if (View(node).IsMember) members.Add(node);
        int found = 0;
        for (int i = 0; i < members.Count && found < k; i++)
        {
            // Fisher-Yates, drawn only as far as the members taken need.
            int j = i + Context.Random.NextInt(members.Count - i);
            (members[i], members[j]) = (members[j], members[i]);
            if (IsEligible(members[i], View(members[i]), exclude, aliveOnly, recentDeadToo)) _picked[found++] = members[i];
        }
        return found;
    }

    /// <summary>Neither self nor the excluded node; alive, or suspect unless alive only, or dead within GossipToTheDeadTime when asked.</summary>
    private bool IsEligible(int node, SwimMemberView view, int exclude, bool aliveOnly, bool recentDeadToo)
    {
        if (node == _self || node == exclude) return false;
        var state = view.State;
        return state == SwimMemberState.Alive
            || (!aliveOnly && state == SwimMemberState.Suspect)
            || (recentDeadToo && state == SwimMemberState.Dead && Context.NowUs - view.ChangedUs <= _config.GossipToTheDeadTimeUs);
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

    private readonly record struct RelayProbe(int Seq, int Origin, int OriginSeq);
}
