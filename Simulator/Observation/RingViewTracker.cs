using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Every node's ring view, rebuilt from its <see cref="ObservationKind.RingTokens"/> emissions, and
/// the true ring. A view is one int per (observer, owner): the token-set id held, -1 for none; the
/// tokens themselves live once in the run's <see cref="TokenRing"/> (4n² bytes: 5.8 MB at 1,200 nodes).
/// Truth: a node's tokens are in the ring from its first start until it leaves (a crashed node still
/// owns its ranges: that is what a store routes around with hints), at its current set. A node
/// leaves the ring when its process stops with status Left, or, if it left the membership while its
/// process runs on (a Cassandra decommission: leaveRing takes it out of its own ring as it sets
/// STATUS LEFT, then gossips that for the ring delay), at that instant.
/// Ring events (ARCHITECTURE.md "Cluster event"): <c>ring_join</c> (first start after t = 0),
/// <c>ring_leave</c>, <c>ring_move</c>; an observer knows one when its view holds the new truth for
/// the subject (the new set, or none after a leave). Nodes started at t = 0 below
/// <c>initialNodes</c> begin holding the initial ring (a running cluster's ring, as a store loads
/// its peers' tokens from disk); a restarted process begins with only its own tokens.
/// </summary>
public sealed class RingViewTracker : IMembershipTracker
{
    private readonly int _n;
    private readonly RingRegistry _ring;
    private readonly LivenessHistory _liveness;
    private readonly int _initialNodes;
    private readonly int[] _held;
    private readonly int[] _truth;
    private readonly int[] _openEvent;
    private readonly List<RingEvent> _events = new();

    public RingViewTracker(RingRegistry ring, LivenessHistory liveness, int initialNodes)
    {
        _n = ring.NodeCount;
        _ring = ring;
        _liveness = liveness;
        _initialNodes = initialNodes;
        _held = new int[_n * _n];
        Array.Fill(_held, -1);
        _truth = new int[_n];
        Array.Fill(_truth, -1);
        _openEvent = new int[_n];
        Array.Fill(_openEvent, -1);
    }

    public RingRegistry Registry => _ring;

    /// <summary>Bytes of ring state sent, all nodes, whole run.</summary>
    public long BytesSent { get; private set; }

    public int EventCount => _events.Count;

    /// <summary>The observer's view: token-set id held per owner (-1 none).</summary>
    public ReadOnlySpan<int> ViewOf(int observer) => _held.AsSpan(observer * _n, _n);

    /// <summary>The true ring: current set id per node in the ring, -1 otherwise.</summary>
    public ReadOnlySpan<int> Truth => _truth;

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        if (kind == ObservationKind.RingBytesSent)
        {
            BytesSent += value;
            return;
        }
        if (kind != ObservationKind.RingTokens) return;
        _held[observer * _n + subject] = (int)value;
        int open = _openEvent[subject];
        if (open >= 0 && _events[open].Target == value && _events[open].KnownAt[observer] < 0) _events[open].KnownAt[observer] = nowUs;
    }

    public void OnNodeStarted(int node, long nowUs)
    {
        var row = _held.AsSpan(node * _n, _n);
        row.Fill(-1);
        if (nowUs == 0 && node < _initialNodes)
            for (int j = 0; j < _initialNodes; j++) row[j] = _ring.Current(j).Id;
        int own = _ring.Current(node).Id;
        row[node] = own;
        if (_truth[node] >= 0) return;
        _truth[node] = own;
        if (nowUs > 0) Open("ring_join", node, nowUs, own);
    }

    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        if (why == NodeStatus.Left) LeaveRing(node, nowUs);
    }

    public void OnNodeLeftMembership(int node, long nowUs) => LeaveRing(node, nowUs);

    /// <summary>The node's tokens leave the true ring, once: a node that left while running has none left when its process stops.</summary>
    private void LeaveRing(int node, long nowUs)
    {
        if (_truth[node] < 0) return;
        _truth[node] = -1;
        Open("ring_leave", node, nowUs, -1);
    }

    /// <summary>A move fault gave <paramref name="node"/> the set <paramref name="set"/>.</summary>
    public void OnMoved(int node, TokenSet set, long nowUs)
    {
        _truth[node] = set.Id;
        Open("ring_move", node, nowUs, set.Id);
    }

    public List<ClusterEventResult> Results(long endUs)
    {
        var results = new List<ClusterEventResult>(_events.Count);
        foreach (var e in _events)
            results.Add(ClusterEventResult.FromKnowTimes(e.Kind, e.Subject, e.T0Us, e.KnownAt, excludeSubject: true, _liveness, endUs));
        return ClusterEventResult.MarkCensored(results, endUs);
    }

    private void Open(string kind, int subject, long t0Us, int target)
    {
        var e = new RingEvent(kind, subject, t0Us, target, new long[_n]);
        Array.Fill(e.KnownAt, -1L);
        // Observers whose view already holds the new truth (a node that held a leaver's tokens as none) know it at t0.
        for (int i = 0; i < _n; i++)
            if (_held[i * _n + subject] == target) e.KnownAt[i] = t0Us;
        _openEvent[subject] = _events.Count;
        _events.Add(e);
    }

    private sealed record RingEvent(string Kind, int Subject, long T0Us, int Target, long[] KnownAt);
}
