using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The payload of an ACK: what the SYN's receiver asks for, and the newer states it sends back,
/// each the first entries of a buffer of n reused once delivered.
/// </summary>
public sealed class DigestAck(int capacity) : ReusablePayload
{
    public HeartbeatDigest[] RequestBuffer { get; } = new HeartbeatDigest[capacity];

    public HeartbeatEntry[] StateBuffer { get; } = new HeartbeatEntry[capacity];

    public int RequestCount { get; set; }

    public int StateCount { get; set; }

    public ReadOnlySpan<HeartbeatDigest> Requests => RequestBuffer.AsSpan(0, RequestCount);

    public ReadOnlySpan<HeartbeatEntry> States => StateBuffer.AsSpan(0, StateCount);
}
