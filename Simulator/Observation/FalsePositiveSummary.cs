namespace GossipSim.Simulator.Observation;

/// <summary>
/// False-positive deaths of one run (design.md): declarations of a live subject as dead, split by
/// cause; declarations per observer node-hour; cluster-wide episodes; refuted suspicions.
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
    public double PerNodeHour => ObserverNodeHours > 0 ? Declarations / ObserverNodeHours : double.NaN;
}
