using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// One member's state on the wire, in a push, ACK or ACK2: its generation (a new one per process
/// start) and its heartbeat version (SYN digests are <see cref="MemberVersion"/>s, ACK requests <see cref="HeartbeatDigest"/>s).
/// With a ring, a state also names the
/// member's TOKENS application state: <see cref="Tokens"/> is a token-set id (-1 none, -2 the
/// STATUS LEFT of a graceful leave), set at heartbeat version <see cref="TokensVersion"/>; it is
/// priced on the wire only when the receiver's known version is older (Cassandra sends app states
/// newer than the requester's version, references.md §2).
/// Versions are ints as in <see cref="MemberVersion"/>; auto layout lets the runtime pack the four
/// ints after the generation: 24 bytes instead of 40, and ACKs are most of the bytes a digest
/// exchange moves.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct HeartbeatEntry(int Member, long Generation, int Version, int Tokens = -1, int TokensVersion = 0);
