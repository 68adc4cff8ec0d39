namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>What a heartbeat node believes of one member.</summary>
public enum MemberBelief : byte
{
    /// <summary>Never heard of (an address, no state).</summary>
    Unknown = 0,
    Alive = 1,
    Suspect = 2,
    Dead = 3,
    /// <summary>Dropped after T_cleanup; its last (generation, heartbeat) is kept so stale gossip cannot revive it.</summary>
    Removed = 4,
    /// <summary>Gossiped STATUS LEFT (ring only): out of the ring, not judged, still gossiped so the news spreads.</summary>
    Left = 5,
    /// <summary>
    /// A new or restarted member (a new generation) held but not yet marked up: with
    /// <see cref="HeartbeatConfig.Echo"/>, Cassandra's handleMajorStateChange hands it to markAlive,
    /// which marks it up only when it answers an ECHO. Neither live nor unreachable, and not judged.
    /// </summary>
    Pending = 6,
}
