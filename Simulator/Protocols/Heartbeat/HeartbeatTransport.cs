namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// What carries a gossip round's messages (SYN, ACK, ACK2, push): <c>udp</c> datagrams, which
/// random loss drops, or <c>tcp</c>, the internode connection Cassandra's MessagingService keeps
/// open to each peer (docs/references.md §2), which retransmits them and loses them only to a cut.
/// Either way they are priced as a stream on an open connection (<see cref="HeartbeatSizes"/>).
/// </summary>
public enum HeartbeatTransport { Udp, Tcp }
