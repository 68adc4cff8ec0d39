using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>The states a push or an ACK2 carries, the first <see cref="Count"/> of a buffer reused once delivered.</summary>
public sealed class EntryBatch(int capacity) : ReusablePayload
{
    public HeartbeatEntry[] Buffer { get; } = new HeartbeatEntry[capacity];

    public int Count { get; set; }

    public ReadOnlySpan<HeartbeatEntry> Entries => Buffer.AsSpan(0, Count);
}
