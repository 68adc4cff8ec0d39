using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Akka;

// Joining (ClusterDaemon.scala JoinSeedNodeProcess, FirstSeedNodeProcess, ClusterCoreDaemon.joining
// and welcome): how a node that starts after the initial members becomes one, and how a member
// takes a Join, including one from a new incarnation of a member it holds.
public sealed partial class AkkaNode
{
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
            _remainingSeeds.AddRange(OtherSeeds);
            _firstSeedDeadlineUs = Context.NowUs + _config.SeedNodeTimeoutUs;
            SendInitJoin(_remainingSeeds);
            Context.SetTimer(SeedProcessTimer, FirstSeedRetryUs);
        }
        else
        {
            _seedProcess = SeedProcess.Join;
            SendInitJoin(OtherSeeds);
            Context.SetTimer(SeedProcessTimer, _config.SeedNodeTimeoutUs);
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
            SendInitJoin(OtherSeeds);
            Context.SetTimer(SeedProcessTimer, _config.SeedNodeTimeoutUs);
        }
    }

    /// <summary>The seed nodes this node asks: every seed but itself, in the configured order.</summary>
    private IEnumerable<int> OtherSeeds => _config.Seeds.Where(s => s != _self);

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
        // join: a Join to the seed, retried through the seeds if no Welcome comes within
        // retry-unsuccessful-join-after (tryingToJoin); with the retry off it has no deadline.
        _joinWith = from;
        _joinDeadlineUs = _config.RetryUnsuccessfulJoinAfterUs is long retryUs ? Context.NowUs + retryUs : long.MaxValue;
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
            Context.SetTimer(SeedProcessTimer, _config.SeedNodeTimeoutUs);
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
        Context.SetTimer(HeartbeatTimer, Math.Max(_config.PeriodicTasksInitialDelayUs, _config.HeartbeatIntervalUs));
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

    private void SendWelcome(int to) => SendState(to, AkkaMessageType.Welcome, AkkaMessageType.HeaderBytes + AkkaMessageType.MemberBytes + GossipBytes());
}
