namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Reuses the entry buffers of heartbeat messages. Full-membership gossip sends about n entries per
/// node per round (the SYN's digests, the ACK's and ACK2's states), which allocated some 14 KB per
/// event at 1,200 nodes; with the pool a run allocates only while the number of buffers in flight
/// grows. One pool per thread: a run is single-threaded from start to end, so a buffer never
/// crosses runs running in parallel. Reuse cannot change results: a buffer is written in full
/// (its first Count entries) before it is sent, and only read before it is released.
/// </summary>
public static class HeartbeatEntryPool
{
    [ThreadStatic] private static Stack<HeartbeatEntries>? t_free;

    /// <summary>An empty buffer of at least <paramref name="capacity"/> entries.</summary>
    public static HeartbeatEntries Rent(int capacity)
    {
        var free = t_free ??= new Stack<HeartbeatEntries>();
        while (free.TryPop(out var buffer))
        {
            if (buffer.Items.Length < capacity) continue; // from a smaller run on this thread: drop it
            buffer.Count = 0;
            return buffer;
        }
        return new HeartbeatEntries(capacity);
    }

    /// <summary>One receiver is done with it; the last one returns it.</summary>
    public static void Release(HeartbeatEntries buffer)
    {
        if (--buffer.Readers > 0) return;
        (t_free ??= new Stack<HeartbeatEntries>()).Push(buffer);
    }
}
