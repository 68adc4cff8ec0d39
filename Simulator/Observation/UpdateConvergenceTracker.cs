namespace GossipSim.Simulator.Observation;

/// <summary>
/// Convergence of application updates. Each update is version v of its origin node's item; a
/// node knows it once it reports holding version v or later of that item. Records each first
/// learning (O(1) per newly learned version), and computes quantiles at the end.
/// </summary>
public sealed class UpdateConvergenceTracker
{
    private readonly int _nodeCount;
    private readonly int[] _originSlot;
    private readonly List<OriginUpdates> _origins = new();
    private readonly List<UpdateRecord> _updates = new();

    public UpdateConvergenceTracker(int nodeCount)
    {
        _nodeCount = nodeCount;
        _originSlot = new int[nodeCount];
        Array.Fill(_originSlot, -1);
    }

    /// <summary>Declares that <paramref name="origin"/> wrote <paramref name="version"/> at t0 (versions count up from 1).</summary>
    public void RegisterUpdate(int origin, long version, long t0Us)
    {
        int slot = _originSlot[origin];
        if (slot < 0)
        {
            slot = _originSlot[origin] = _origins.Count;
            _origins.Add(new OriginUpdates(_nodeCount));
        }
        var o = _origins[slot];
        if (version != o.UpdateIds.Count + 1) throw new InvalidOperationException("update versions must count up from 1");
        o.UpdateIds.Add(_updates.Count);
        _updates.Add(new UpdateRecord(origin, t0Us, _nodeCount));
    }

    /// <summary>
    /// <paramref name="observer"/> now holds <paramref name="version"/> of <paramref name="origin"/>'s
    /// item. Writes only the observer's own entries and reads the registered updates, which change
    /// only between events, so threads handling different observers may call it at once (a split run's lanes).
    /// </summary>
    public void OnLearned(int observer, int origin, long version, long nowUs)
    {
        int slot = _originSlot[origin];
        if (slot < 0) return;
        var o = _origins[slot];
        long previous = o.KnownVersion[observer];
        long upTo = Math.Min(version, o.UpdateIds.Count);
        if (upTo <= previous) return;
        for (long v = previous + 1; v <= upTo; v++)
            _updates[o.UpdateIds[(int)v - 1]].Learned(observer, nowUs);
        o.KnownVersion[observer] = (int)upTo;
    }

    /// <summary>A restarted node lost its state: it must learn every update again.</summary>
    public void OnStateLost(int node)
    {
        foreach (var o in _origins) o.KnownVersion[node] = 0;
    }

    public List<ClusterEventResult> Results(LivenessHistory liveness, long endUs)
    {
        var results = new List<ClusterEventResult>(_updates.Count);
        foreach (var u in _updates)
            results.Add(ClusterEventResult.FromKnowTimes("update", u.Origin, u.T0Us, u.KnownAtUs, excludeSubject: false, liveness, endUs));
        return ClusterEventResult.MarkCensored(results, endUs);
    }

    private sealed class OriginUpdates(int nodeCount)
    {
        public readonly int[] KnownVersion = new int[nodeCount];
        public readonly List<int> UpdateIds = new();
    }

    /// <summary>First time each node learned one update; -1 = never.</summary>
    private sealed class UpdateRecord
    {
        private readonly long[] _knownAt;

        public UpdateRecord(int origin, long t0Us, int nodeCount)
        {
            Origin = origin;
            T0Us = t0Us;
            _knownAt = new long[nodeCount];
            Array.Fill(_knownAt, -1L);
        }

        public int Origin { get; }

        public long T0Us { get; }

        public void Learned(int node, long nowUs)
        {
            if (_knownAt[node] < 0) _knownAt[node] = nowUs;
        }

        public long[] KnownAtUs => _knownAt;
    }
}
