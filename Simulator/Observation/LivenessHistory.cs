namespace GossipSim.Simulator.Observation;

/// <summary>
/// When each node's process started and stopped: the ground truth used to decide which nodes
/// count as observers of a cluster event.
/// </summary>
public sealed class LivenessHistory
{
    private readonly List<long>?[] _starts;
    private readonly List<long>?[] _stops;

    public LivenessHistory(int nodeCount)
    {
        _starts = new List<long>?[nodeCount];
        _stops = new List<long>?[nodeCount];
    }

    public void OnStarted(int node, long nowUs) => (_starts[node] ??= new List<long>(1)).Add(nowUs);

    public void OnStopped(int node, long nowUs) => (_stops[node] ??= new List<long>(1)).Add(nowUs);

    /// <summary>True when the node was up at <paramref name="fromUs"/> and did not stop up to <paramref name="toUs"/> inclusive.</summary>
    public bool UpThroughout(int node, long fromUs, long toUs)
    {
        long lastStartAtOrBefore = long.MinValue;
        var starts = _starts[node];
        if (starts is null) return false;
        foreach (long s in starts) if (s <= fromUs) lastStartAtOrBefore = s;
        if (lastStartAtOrBefore == long.MinValue) return false;
        var stops = _stops[node];
        if (stops is null) return true;
        foreach (long s in stops) if (s >= lastStartAtOrBefore && s <= toUs) return false;
        return true;
    }
}
