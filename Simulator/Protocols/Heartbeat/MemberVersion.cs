using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// A member's (generation, heartbeat version), the pair Cassandra compares (generation first). A node
/// keeps one per member id, and a SYN carries a copy of that whole array as its digests: index =
/// member id, generation 0 = not held (no generation is 0). The dense form makes building a SYN a
/// memory copy and comparing one a straight walk over two arrays of 12-byte records. Heartbeats are
/// ints: a node bumps its own once per round, and 2^31 rounds of one node are more events than any
/// run can process, so the counter cannot overflow (and 4 bytes a member less is memory traffic saved).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public record struct MemberVersion(long Generation, int Heartbeat);
