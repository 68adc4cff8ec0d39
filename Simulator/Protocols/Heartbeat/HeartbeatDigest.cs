using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// A request in an ACK (Cassandra's GossipDigest: endpoint, generation, max version): the
/// requester's own version of the member, 0 when it knows nothing of that generation. A SYN's
/// digests travel densely as <see cref="MemberVersion"/>s instead.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct HeartbeatDigest(int Member, long Generation, int Version);
