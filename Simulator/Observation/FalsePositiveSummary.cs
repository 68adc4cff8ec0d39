namespace GossipSim.Simulator.Observation;

/// <summary>
/// False-positive deaths of one run (ARCHITECTURE.md): declarations of a live subject as dead, split by
/// cause, late verdicts on a stopped process left out (<see cref="LateDeathMarks"/>); declarations per
/// observer node-hour; cluster-wide episodes; refuted suspicions.
/// </summary>
public sealed record FalsePositiveSummary(
    long Declarations,
    long Healthy,
    long Paused,
    long Partitioned,
    long ClusterWide,
    long SuspicionsRefuted,
    double ObserverNodeHours)
{
    /// <summary>Of <see cref="Healthy"/>: the subject was a slow node (slow faults only).</summary>
    public long SlowSubject { get; init; }

    /// <summary>Of <see cref="Healthy"/>: a slow observer declared a subject that was not slow (Lifeguard's case).</summary>
    public long BySlowObserver { get; init; }

    /// <summary>Of <see cref="Healthy"/>: made by an observer within <see cref="MembershipViewTracker.PausedObserverWindowUs"/> of waking from a pause (runs with pauses only).</summary>
    public long ByPausedObserver { get; init; }

    /// <summary>
    /// Death marks of a node that came back which were late verdicts on its stopped process, not
    /// counted above (<see cref="Observation.LateDeathMarks"/>); null in runs whose faults bring no
    /// stopped node back.
    /// </summary>
    public long? LateDeathMarks { get; init; }

    public double PerNodeHour => ObserverNodeHours > 0 ? Declarations / ObserverNodeHours : double.NaN;
}
