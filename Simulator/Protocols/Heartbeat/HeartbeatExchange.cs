namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// How a gossip round carries heartbeats: <c>push</c> sends the whole list (van Renesse et al.
/// 1998); <c>digest</c> is Cassandra's 3-way SYN / ACK / ACK2, so only newer entries travel.
/// </summary>
public enum HeartbeatExchange { Push, Digest }
