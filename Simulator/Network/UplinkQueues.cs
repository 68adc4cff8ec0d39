namespace GossipSim.Simulator.Network;

/// <summary>
/// Each node's uplink: a FIFO send queue drained at <c>bytesPerS</c>. A message leaves when the ones
/// queued before it have left and its own bytes are serialized (ceil(size * 10^6 / rate) us), then
/// travels its latency; so a burst of k messages of b bytes arrives spread over k b / rate, and a gossip
/// storm shows up as delay. With <c>queueBytes</c>, a message that would make the backlog exceed it is
/// dropped (drop-tail). No event per message: one "free at" time per node, O(n) memory, no draws.
/// </summary>
public sealed class UplinkQueues
{
    private readonly long[] _freeAtUs;
    private readonly long _bytesPerS;
    private readonly long _queueBytes;

    /// <param name="nodes">Node ids, one uplink each.</param>
    /// <param name="bytesPerS">Each uplink's rate.</param>
    /// <param name="queueBytes">Send queue limit in bytes; 0 = unbounded.</param>
    public UplinkQueues(int nodes, long bytesPerS, long queueBytes = 0)
    {
        _freeAtUs = new long[nodes];
        _bytesPerS = bytesPerS;
        _queueBytes = queueBytes;
    }

    public long Sent { get; private set; }

    public long Drops { get; private set; }

    /// <summary>Total time messages waited behind earlier ones (serialization of their own bytes excluded).</summary>
    public long WaitSumUs { get; private set; }

    public long WaitMaxUs { get; private set; }

    /// <summary>Microseconds to serialize <paramref name="bytes"/> at the uplink rate, rounded up.</summary>
    public long TransmitUs(long bytes) => (bytes * 1_000_000 + _bytesPerS - 1) / _bytesPerS;

    /// <summary>Queues a message; false when the queue limit drops it, else when its last byte leaves.</summary>
    public bool TrySend(int from, int sizeBytes, long nowUs, out long departUs)
    {
        long startUs = Math.Max(nowUs, _freeAtUs[from]);
        long waitUs = startUs - nowUs;
        if (_queueBytes > 0 && waitUs * _bytesPerS / 1_000_000 + sizeBytes > _queueBytes)
        {
            Drops++;
            departUs = 0;
            return false;
        }
        departUs = startUs + TransmitUs(sizeBytes);
        _freeAtUs[from] = departUs;
        Sent++;
        WaitSumUs += waitUs;
        if (waitUs > WaitMaxUs) WaitMaxUs = waitUs;
        return true;
    }
}
