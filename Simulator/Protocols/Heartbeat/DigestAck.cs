namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The payload of an ACK, both halves read from the SYN receiver's <see cref="TableReader.Table"/> (pinned
/// while this is in flight): the members it asks for, each with its own version as the request's
/// digest (Cassandra's GossipDigest), and the members whose newer states it sends back. Reused once delivered.
/// </summary>
public sealed class DigestAck(int nodeCount) : TableReader
{
    public ulong[] Requests { get; } = new ulong[MemberBits.Words(nodeCount)];

    public ulong[] States { get; } = new ulong[MemberBits.Words(nodeCount)];

    public int RequestCount { get; set; }

    public int StateCount { get; set; }
}
