namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// One member's version in a SYN (Cassandra's GossipDigest: endpoint, generation, max version), or a
/// request in an ACK (the requester's own version, 0 when it knows nothing of that generation).
/// Kept apart from <see cref="HeartbeatEntry"/> because a SYN carries one per member every round:
/// 24 bytes instead of 40 is most of the memory traffic of a digest exchange.
/// </summary>
public readonly record struct HeartbeatDigest(int Member, long Generation, long Version);
