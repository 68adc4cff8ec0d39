namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>The payload of an ACK: what the SYN's receiver asks for, and the newer states it sends back (pooled buffers).</summary>
public sealed record DigestAck(HeartbeatEntries Requests, HeartbeatEntries States);
