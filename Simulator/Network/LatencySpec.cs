using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>A latency distribution as the scenario names it; all values in microseconds.</summary>
public sealed record LatencySpec(string Dist, long A, long B = 0, long C = 0)
{
    public static LatencySpec Constant(long valueUs) => new("constant", valueUs);

    public static LatencySpec Uniform(long minUs, long maxUs) => new("uniform", minUs, maxUs);

    /// <summary>Normal with mean A, sd B, truncated below at C.</summary>
    public static LatencySpec Normal(long meanUs, long sdUs, long floorUs) => new("normal", meanUs, sdUs, floorUs);

    public static LatencySpec Lognormal(long medianUs, long p99Us) => new("lognormal", medianUs, p99Us);

    public static LatencySpec Exponential(long minUs, long meanUs) => new("exponential", minUs, meanUs);

    public LatencyModel Build(Xoshiro256StarStar stream) => Dist switch
    {
        "constant" => new ConstantLatency(A),
        "uniform" => new UniformLatency(stream, A, B),
        "normal" => new NormalLatency(stream, A, B, C),
        "lognormal" => new LognormalLatency(stream, A, B),
        "exponential" => new ExponentialLatency(stream, A, B),
        _ => throw new ArgumentException($"unknown latency distribution '{Dist}'"),
    };
}
