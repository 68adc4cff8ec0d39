namespace GossipSim.Simulator.Observation;

/// <summary>Bytes and messages each node sent and received, in total and by message type.</summary>
public sealed class TrafficMeter
{
    private readonly int _typeCount;

    public TrafficMeter(int nodeCount, IReadOnlyList<string> typeNames)
    {
        TypeNames = typeNames;
        _typeCount = typeNames.Count;
        BytesSent = new long[nodeCount];
        BytesReceived = new long[nodeCount];
        MessagesSent = new long[nodeCount];
        MessagesReceived = new long[nodeCount];
        BytesSentByType = new long[_typeCount];
        MessagesSentByType = new long[_typeCount];
    }

    public IReadOnlyList<string> TypeNames { get; }

    public long[] BytesSent { get; }

    public long[] BytesReceived { get; }

    public long[] MessagesSent { get; }

    public long[] MessagesReceived { get; }

    public long[] BytesSentByType { get; }

    public long[] MessagesSentByType { get; }

    public void OnSent(int node, int type, int bytes)
    {
        BytesSent[node] += bytes;
        MessagesSent[node]++;
        BytesSentByType[type] += bytes;
        MessagesSentByType[type]++;
    }

    public void OnReceived(int node, int type, int bytes)
    {
        BytesReceived[node] += bytes;
        MessagesReceived[node]++;
    }
}
