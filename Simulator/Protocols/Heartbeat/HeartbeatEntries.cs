namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// A message's list of heartbeat entries in a pooled buffer: the first <see cref="Count"/> of
/// <see cref="Items"/>. Each receiver releases it once it has read it; the last returns it to
/// <see cref="HeartbeatEntryPool"/>. A copy lost on the network is never released and is left to the
/// GC, so loss can only cost an allocation, never reuse a buffer still in flight.
/// </summary>
public sealed class HeartbeatEntries(int capacity)
{
    public HeartbeatEntry[] Items { get; } = new HeartbeatEntry[capacity];

    public int Count { get; set; }

    /// <summary>Receivers that have yet to read it (the copies sent).</summary>
    public int Readers { get; set; }

    public ReadOnlySpan<HeartbeatEntry> Entries => Items.AsSpan(0, Count);
}
