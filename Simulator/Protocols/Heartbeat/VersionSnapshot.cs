using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// A SYN's digests: the sender's (generation, heartbeat) array itself, index = member id,
/// generation 0 = not held. The sender does not write that array while a SYN carrying it is in
/// flight; it writes a copy instead (copy on write), which a 1-10 ms flight against a 1 s round
/// makes rare, so a round's SYN costs no copy of n versions.
/// </summary>
public sealed class VersionSnapshot(MemberVersion[] versions) : ReusablePayload
{
    public MemberVersion[] Versions { get; } = versions;
}
