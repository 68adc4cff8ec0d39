namespace GossipSim.Simulator.Observation;

/// <summary>
/// Detection of one crash at t0: delays to the first suspicion by any observer (a death mark
/// counts as a suspicion too), to the first death mark, and to the last observer's death mark
/// (null while some observer has not marked it).
/// </summary>
public sealed record CrashDetection(int Subject, long T0Us, long? FirstSuspectUs, long? FirstDeadUs, long? AllDeadUs);
