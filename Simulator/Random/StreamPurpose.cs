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
    // The optional network models, numbered apart so other additions cannot collide.
    /// <summary>Gilbert-Elliott link states.</summary>
    BurstLoss = 20,
    /// <summary>Duplication coins.</summary>
    Duplicate = 21,
    /// <summary>Seeds of the per-pair latency hash (one per latency model, by index).</summary>
    PairLatency = 22,
    /// <summary>Churn processes (one per fault, by index).</summary>
    Churn = 23,
    /// <summary>Poisson pause processes (one per fault, by index).</summary>
    Pauses = 24,
}
