using GossipSim.Simulator.Faults;
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
    public string RunId => IdOf(Scenario, PointIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The run id of a scenario, point and seed as written in runs.csv, so a row's id can be checked against its own columns.</summary>
    public static string IdOf(string scenario, string point, string seed) => $"{scenario}/p{point}/s{seed}";

    /// <summary>The fault timeline (YAML <c>faults:</c>), in any order.</summary>
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>YAML <c>heal_at</c>: every lasting fault ends then and reconverge_s is measured from it; null = no liveness phase.</summary>
    public long? HealAtUs { get; init; }

    /// <summary>Nodes started at time 0 (YAML <c>initial_nodes</c>); the others wait for a join fault.</summary>
    public int? InitialNodes { get; init; }

    /// <summary>Optional network models (zones, bursty loss, duplication, uplink, MTU); <see cref="NetworkSetup.Plain"/> = none.</summary>
    public NetworkSetup Network { get; init; } = NetworkSetup.Plain;

    /// <summary>Period of timeseries.csv samples (YAML <c>sample_every</c>); 0 = no samples.</summary>
    public long SampleEveryUs { get; init; }

    /// <summary>YAML <c>ring:</c>: token ring carried by the membership protocol; null = no ring.</summary>
    public Ring.RingSettings? Ring { get; init; }

    /// <summary>YAML <c>workload:</c>: the request stream whose routing outcomes are measured; null = none.</summary>
    public RequestPlan? Requests { get; init; }

    /// <summary>YAML <c>record.declarations</c>: log every death mark to declarations.csv (<see cref="Observation.DeclarationLog"/>).</summary>
    public bool RecordDeclarations { get; init; }

    /// <summary>
    /// SHA-256 of what this run computes: its scenario point's canonical spec and its seed. A result
    /// part records it, so a resume or a merge can tell a part of this very run from one of the same
    /// run id made from another configuration.
    /// </summary>
    public string SpecSha256 { get; init; } = "";

    /// <summary>The <see cref="RunCost"/> estimate of events: parallel runs start with the largest, so no core idles at the end.</summary>
    public double EstimatedEvents { get; init; }
}
