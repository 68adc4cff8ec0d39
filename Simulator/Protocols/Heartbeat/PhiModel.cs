namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>Inter-arrival model of phi accrual: Akka's normal model, or Cassandra's exponential one.</summary>
public enum PhiModel { Normal, Exponential }
