namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>Failure detection per observed member: a fixed timeout, or phi accrual.</summary>
public enum DetectorKind { Timeout, Phi }
