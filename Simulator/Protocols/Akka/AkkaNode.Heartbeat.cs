using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Simulator.Protocols.Akka;

// Heartbeats and the failure detector (ClusterHeartbeat.scala): the ring of receivers each node
// heartbeats, the phi detector per receiver, and the reaper that marks this node's row.
public sealed partial class AkkaNode
{
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
    /// (ClusterHeartbeatSenderState.removeMember) and the new one is monitored afresh. The ring is
    /// ordered by the incarnations the state holds (HeartbeatNodeRing hashes unique addresses), so
    /// a restarted member, and this node itself once restarted, sits at a new place with new
    /// neighbours.
    /// </summary>
    private void FindReceivers()
    {
        _ring = _ring.For(_gossip.Incarnation);
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
}
