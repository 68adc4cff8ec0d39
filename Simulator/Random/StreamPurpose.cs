namespace GossipSim.Simulator.Random;

/// <summary>What a random stream is for. Values are part of the seed derivation: never renumber.</summary>
public enum StreamPurpose : ulong
{
    Network = 1,
    Faults = 2,
    Workload = 3,
    Node = 4,
    Timers = 5,
    Ring = 6,
    /// <summary>The request workload: arrivals, keys, coordinators (kept apart from Workload so updates' draws do not move).</summary>
    Requests = 7,
}
