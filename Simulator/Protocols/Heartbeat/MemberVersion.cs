namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// A member's (generation, heartbeat version), the pair Cassandra compares (generation first). A node
/// keeps one per member id, and a SYN carries a copy of that whole array as its digests: index =
/// member id, generation 0 = not held (no generation is 0). The dense form makes building a SYN a
/// memory copy and comparing one a straight walk over two arrays of 16-byte records.
/// </summary>
public record struct MemberVersion(long Generation, long Heartbeat);
