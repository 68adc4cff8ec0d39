using GossipSim.Scenarios;
using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Runs;

/// <summary>Compiles <c>network.*</c> of a scenario point: the latency distribution and loss.</summary>
public static class NetworkCompiler
{
    public static LatencySpec Latency(ScenarioSpec spec)
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

    public static double Loss(ScenarioSpec spec) => spec.Real("network.loss");
}
