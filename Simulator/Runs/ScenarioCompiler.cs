using GossipSim.Scenarios;
using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Turns one validated scenario point plus a seed into a typed <see cref="RunSetup"/>: the one
/// place where scenario keys meet engine objects.
/// </summary>
public static class ScenarioCompiler
{
    public static RunSetup Compile(ScenarioSpec spec, ulong seed) => new(
        Scenario: spec.Name,
        PointIndex: spec.PointIndex,
        Parameters: spec.Parameters,
        Seed: seed,
        Nodes: spec.Nodes,
        DurationUs: spec.DurationUs(),
        Latency: Latency(spec),
        Loss: spec.Real("network.loss"),
        Protocol: ProtocolCompiler.Compile(spec),
        Updates: Updates(spec))
    {
        SampleEveryUs = spec.DurationUs("sample_every"),
    };

    private static LatencySpec Latency(ScenarioSpec spec)
    {
        string dist = spec.Text("network.latency.dist");
        long D(string key) => spec.DurationUs("network.latency." + key);
        return dist switch
        {
            "constant" => LatencySpec.Constant(D("value")),
            "uniform" => LatencySpec.Uniform(D("min"), D("max")),
            "normal" => LatencySpec.Normal(D("mean"), D("sd"), D("min")),
            "lognormal" => LatencySpec.Lognormal(D("median"), D("p99")),
            "exponential" => LatencySpec.Exponential(D("min"), D("mean")),
            _ => throw new ArgumentException($"unknown latency distribution '{dist}'"),
        };
    }

    private static UpdatePlan? Updates(ScenarioSpec spec)
    {
        if (!spec.Has("updates")) return null;
        int? origin = spec.Has("updates.from") ? spec.Int("updates.from") : null;
        return spec.Text("updates.kind") == "at"
            ? new UpdatePlan(spec.DurationListUs("updates.at"), 0, 0, origin)
            : new UpdatePlan(null, spec.DurationUs("updates.every"), spec.DurationUs("updates.start"), origin);
    }
}
