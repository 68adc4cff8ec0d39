using GossipSim.Analysis;
using MathNet.Numerics.Distributions;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// One metric at one point across its seeds: the mean and the two-sided confidence interval of
/// the mean from Student's t with n - 1 degrees of freedom at the search's confidence. With one
/// seed the interval is unbounded: one run says nothing about the spread.
/// </summary>
public sealed record MetricEstimate(int N, double Mean, double Low, double High, SampleStatistics Statistics)
{
    public static MetricEstimate Of(IReadOnlyList<double> values, double confidence)
    {
        var stats = SampleStatistics.Of(values);
        if (stats.N == 0) return new MetricEstimate(0, double.NaN, double.NaN, double.NaN, stats);
        double half = stats.N < 2 ? double.PositiveInfinity
            : StudentT.InvCDF(0.0, 1.0, stats.N - 1, (1 + confidence) / 2) * stats.StandardDeviation / Math.Sqrt(stats.N);
        return new MetricEstimate(stats.N, stats.Mean, stats.Mean - half, stats.Mean + half, stats);
    }

    public double HalfWidth => (High - Low) / 2;
}
