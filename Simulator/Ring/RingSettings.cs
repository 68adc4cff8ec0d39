using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Ring;

/// <summary>
/// YAML <c>ring:</c>: tokens per node, replication factor, placement and zones. Immutable; the
/// run's tokens live in a <see cref="RingRegistry"/> made from these and the run's seed.
/// </summary>
/// <param name="Vnodes">Tokens per node (Cassandra num_tokens: 16 in conf/cassandra.yaml since 4.0, 256 before; docs/references.md §2).</param>
/// <param name="ReplicationFactor">N: replicas per key.</param>
/// <param name="Placement">How a key's replicas are picked along the ring.</param>
/// <param name="Zones">Zone of each node, for <see cref="RingPlacement.ZoneAware"/>.</param>
/// <param name="GivenTokens">
/// YAML <c>ring.tokens</c>: per node id, the node's first tokens (exactly <paramref name="Vnodes"/>,
/// validated), or null where they are drawn; null when none are given. Read only: the registry copies.
/// </param>
public sealed record RingSettings(int Vnodes, int ReplicationFactor, RingPlacement Placement, ZoneMap? Zones, ulong[]?[]? GivenTokens = null)
{
    /// <summary>
    /// Bytes of one node's TOKENS application state in Cassandra's gossip: each token a 4-byte
    /// length plus 8 bytes (Murmur3: 12 B), an int 0 terminator (docs/references.md §2), plus the
    /// versioned value's key and version, 4 B each [derived].
    /// </summary>
    public int CassandraTokensBytes => 12 * Vnodes + 4 + 8;

    /// <summary>
    /// Bytes of the ring in a SWIM node's meta: the token version (4 B) and the 8-byte seed the
    /// tokens are drawn from. memberlist caps meta at 512 B (docs/references.md §1), so 256 raw 8-byte
    /// tokens (2 KB) could not ride in it; a store on memberlist derives its vnodes from a seed
    /// (as ringpop hashes replica points from the address) [design choice, see docs/routing.md].
    /// With given tokens (<see cref="GivenTokens"/>) there is no seed: the meta carries the version
    /// and the tokens raw, 4 + 8 x vnodes (validation keeps that within 512 B).
    /// </summary>
    public int SwimMetaBytes => GivenTokens is null ? DrawnSwimMetaBytes : 4 + 8 * Vnodes;

    /// <summary><see cref="SwimMetaBytes"/> when every node's tokens are drawn from a seed.</summary>
    public const int DrawnSwimMetaBytes = 12;
}
