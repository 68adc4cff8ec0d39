using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Everything one run needs, typed and checked: what a scenario point plus a seed compile to.
/// </summary>
public sealed record RunSetup(
    string Scenario,
    int PointIndex,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    ulong Seed,
    int Nodes,
    long DurationUs,
    LatencySpec Latency,
    double Loss,
    IProtocolSetup Protocol,
    UpdatePlan? Updates)
{
    /// <summary>Stable across machines and shards: scenario, sweep point and seed.</summary>
    public string RunId => $"{Scenario}/p{PointIndex}/s{Seed}";
}
