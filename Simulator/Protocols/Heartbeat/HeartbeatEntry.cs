namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// One member on the wire: its generation (a new one per process start) and its heartbeat
/// version. In a SYN it is a digest; in a push, ACK or ACK2 it is the state itself (heartbeats
/// are the only state this family carries). A request in an ACK holds the requester's own
/// version, 0 when it knows nothing of that generation.
/// </summary>
public readonly record struct HeartbeatEntry(int Member, long Generation, long Version);
