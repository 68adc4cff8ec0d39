using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Protocols;

/// <summary>
/// A membership protocol that carries ring ownership as node metadata (heartbeat: Cassandra's
/// TOKENS application state; swim: the node's meta). The engine attaches the run's ring before
/// the node starts; the node reads only its own tokens from it (its configuration) and learns
/// everyone else's by gossip, emitting <see cref="Observation.ObservationKind.RingTokens"/>.
/// </summary>
public interface IRingCarrier
{
    void AttachRing(RingRegistry ring);

    /// <summary>This node's tokens changed (a move): announce the new version.</summary>
    void OnTokensMoved();
}
