using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>A latency distribution as the scenario names it; all values in microseconds.</summary>
public sealed record LatencySpec(string Dist, long A, long B = 0, long C = 0)
{
    /// <summary>Pareto shape alpha (A is the scale).</summary>
    public double Shape { get; init; }

    /// <summary>Empirical: samples (ascending) or CDF latencies, microseconds.</summary>
    public double[]? ValuesUs { get; init; }

    /// <summary>Empirical: F at each of <see cref="ValuesUs"/>; null for samples.</summary>
    public double[]? Cdf { get; init; }

    /// <summary>One fixed base delay per node pair (<see cref="PairFixedLatency"/>).</summary>
    public bool PairFixed { get; init; }

    /// <summary>With <see cref="PairFixed"/>: per-message extra delay, uniform in [0, JitterUs].</summary>
    public long JitterUs { get; init; }

    public static LatencySpec Constant(long valueUs) => new("constant", valueUs);

    public static LatencySpec Uniform(long minUs, long maxUs) => new("uniform", minUs, maxUs);

    /// <summary>Normal with mean A, sd B, truncated below at C.</summary>
    public static LatencySpec Normal(long meanUs, long sdUs, long floorUs) => new("normal", meanUs, sdUs, floorUs);

    public static LatencySpec Lognormal(long medianUs, long p99Us) => new("lognormal", medianUs, p99Us);

    public static LatencySpec Exponential(long minUs, long meanUs) => new("exponential", minUs, meanUs);

    public static LatencySpec Pareto(long scaleUs, double shape) => new("pareto", scaleUs) { Shape = shape };

    public static LatencySpec Empirical(double[] valuesUs, double[]? cdf) => new("empirical", 0) { ValuesUs = valuesUs, Cdf = cdf };

    /// <param name="pairSeed">Seed of the per-pair hash; used only when <see cref="PairFixed"/>.</param>
    /// <param name="stream">The network stream the draws come from.</param>
    public LatencyModel Build(Xoshiro256StarStar stream, ulong pairSeed = 0)
    {
        LatencyModel model = Dist switch
        {
            "constant" => new ConstantLatency(A),
            "uniform" => new UniformLatency(stream, A, B),
            "normal" => new NormalLatency(stream, A, B, C),
            "lognormal" => new LognormalLatency(stream, A, B),
            "exponential" => new ExponentialLatency(stream, A, B),
            "pareto" => new ParetoLatency(stream, A, Shape),
            "empirical" => new EmpiricalLatency(stream, ValuesUs!, Cdf),
            _ => throw new ArgumentException($"unknown latency distribution '{Dist}'"),
        };
        return PairFixed ? new PairFixedLatency(model, pairSeed, stream, JitterUs) : model;
    }
}
