using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Simulator.Protocols.Akka;

// Gossip, views and downing (ClusterDaemon.scala gossip, receiveGossip, leaderActions; the split
// brain resolver): the membership state, its convergence, the leader's actions and the resolver.
public sealed partial class AkkaNode
{
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

    private void SendGossip(int to) => SendState(to, AkkaMessageType.Gossip, AkkaMessageType.HeaderBytes + GossipBytes());

    /// <summary>
    /// Sends this node's state as the payload of a message (a gossip, a gossip status, a Welcome):
    /// frozen first, so that a later change of this node's state copies it instead of changing what
    /// is in flight.
    /// </summary>
    private void SendState(int to, int type, int sizeBytes)
    {
        _gossip.Frozen = true;
        Context.Send(to, new Message { Type = type, SizeBytes = sizeBytes, Payload = _gossip });
    }

    /// <summary>
    /// The gossip status: the receiver reads only the version and the seen set of the state it
    /// carries. Its vector clock has an entry per writer: the observers that have written a row,
    /// and the leader.
    /// </summary>
    private void SendGossipStatus(int to) =>
        SendState(to, AkkaMessageType.GossipStatus, AkkaMessageType.HeaderBytes + AkkaMessageType.DigestBytes + AkkaMessageType.ClockEntryBytes * (_gossip.RowWriters + 1));

    /// <summary>
    /// receiveGossip: gossip that waited in this node's handling queue longer than
    /// gossip-time-to-live is ignored (its envelope's deadline, taken as it was read off the wire,
    /// has passed: GossipEnvelope.deserialize gives Gossip.empty, ignored "to protect against
    /// overload"), and so is gossip from a member this node's own row marks unreachable, from one not in
    /// its state (<see cref="KnowsSender"/>), or holding a state without this node; else the states merge (AkkaGossip.Merge), this node has seen the result,
    /// and it talks back with its state unless both held the same version, or the remote was
    /// newer, and the remote state says this node has already seen it. A node that learns here
    /// that it is downed checks at once whether to shut down (shutdownSelfWhenDown); it still
    /// talks back, as Akka's shutdown stops the actors only after the message is handled. A node
    /// that learns here that the leader moved it to exiting completes its exit after talking back
    /// (<see cref="CompleteExiting"/>).
    /// </summary>
    private void OnGossip(int from, AkkaGossip remote)
    {
        if (Context.QueueWaitUs > _config.GossipTimeToLiveUs || MarksUnreachable(from) || !KnowsSender(from, remote) || !HoldsSelf(remote)) return;
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
            else if (++_leaderTicksWithoutConvergence * _config.LeaderActionsIntervalUs >= (_config.WeaklyUpAfterUs ?? long.MaxValue)) MoveJoiningToWeaklyUp();
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
