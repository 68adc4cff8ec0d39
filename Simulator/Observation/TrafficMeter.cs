namespace GossipSim.Simulator.Observation;

/// <summary>Bytes and messages each node sent, in total and by message type.</summary>
public sealed class TrafficMeter
{
    private readonly NodeTraffic[] _nodes;

    public TrafficMeter(int nodeCount, IReadOnlyList<string> typeNames)
    {
        TypeNames = typeNames;
        _nodes = new NodeTraffic[nodeCount];
        BytesSentByType = new long[typeNames.Count];
        MessagesSentByType = new long[typeNames.Count];
    }

    public IReadOnlyList<string> TypeNames { get; }

    public int NodeCount => _nodes.Length;

    /// <summary>One node's counters so far.</summary>
    public NodeTraffic this[int node] => _nodes[node];

    public long[] BytesSentByType { get; }

    public long[] MessagesSentByType { get; }

    /// <summary>Counts <paramref name="copies"/> messages of <paramref name="bytes"/> each, sent by a node.</summary>
    public void OnSent(int node, int type, int bytes, int copies = 1)
    {
        OnSentBy(node, bytes, copies);
        OnSentOfType(type, bytes, copies);
    }

    /// <summary>The node's share of <see cref="OnSent"/>: touches that node's counters only, so threads handling different nodes may call it at once.</summary>
    public void OnSentBy(int node, int bytes, int copies = 1)
    {
        ref NodeTraffic n = ref _nodes[node];
        n.BytesSent += (long)bytes * copies;
        n.MessagesSent += copies;
    }

    /// <summary>The run totals' share of <see cref="OnSent"/>.</summary>
    public void OnSentOfType(int type, int bytes, int copies = 1)
    {
        BytesSentByType[type] += (long)bytes * copies;
        MessagesSentByType[type] += copies;
    }

    /// <summary>Counts the bytes of a TCP dial that never connected (its SYNs) under the type it would have sent; it wrote no message.</summary>
    public void OnDialFailed(int node, int type, int bytes)
    {
        OnDialFailedBy(node, bytes);
        OnDialFailedOfType(type, bytes);
    }

    /// <summary>The node's share of <see cref="OnDialFailed"/> (see <see cref="OnSentBy"/>).</summary>
    public void OnDialFailedBy(int node, int bytes) => _nodes[node].BytesSent += bytes;

    /// <summary>The run totals' share of <see cref="OnDialFailed"/>.</summary>
    public void OnDialFailedOfType(int type, int bytes) => BytesSentByType[type] += bytes;

    /// <summary>Hints the CPU to load a node's counters that a coming event will update (see <see cref="Engine.CachePrefetch"/>).</summary>
    public void Prefetch(int node) => Engine.CachePrefetch.Location(ref _nodes[node]);
}
