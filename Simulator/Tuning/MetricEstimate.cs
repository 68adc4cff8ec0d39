using GossipSim.Analysis;
using MathNet.Numerics.Distributions;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// One metric at one point across its seeds: the mean and the two-sided confidence interval of
/// the mean (<see cref="Low"/>, <see cref="High"/>) at the search's confidence. Mostly that is
/// Student's t with n - 1 degrees of freedom over the runs' values, unbounded with one seed (one
/// run says nothing about the spread). A rate of rare events (<see cref="PoissonRate"/>) has
/// instead its pooled rate and exact Poisson interval, as in the report and <c>check</c>: a t
/// interval over per-run rates is [0, 0] when no seed saw an event, however little exposure the
/// seeds had, and the Poisson interval is not symmetric about the rate.
/// </summary>
/// <param name="N">The runs with a value.</param>
/// <param name="Mean">The mean over those runs, or the pooled rate.</param>
/// <param name="Low">The lower end of the interval of <paramref name="Mean"/>.</param>
/// <param name="High">Its upper end.</param>
/// <param name="THalfWidth">The t half-width over the runs' values whatever the metric, by which a statistic other than the mean (p95, max, min) is widened.</param>
/// <param name="Statistics">The statistics of the runs' values (quantiles for p95).</param>
public sealed record MetricEstimate(int N, double Mean, double Low, double High, double THalfWidth, SampleStatistics Statistics)
{
    /// <param name="values">The metric's value in each run.</param>
    /// <param name="confidence">The two-sided level of the interval.</param>
    /// <param name="pooled">The pooled rate when the metric is a rate of rare events (at the same confidence), else null.</param>
    public static MetricEstimate Of(IReadOnlyList<double> values, double confidence, PoissonRate? pooled = null)
    {
        var stats = SampleStatistics.Of(values);
        if (stats.N == 0) return new MetricEstimate(0, double.NaN, double.NaN, double.NaN, double.NaN, stats);
        double half = stats.N < 2 ? double.PositiveInfinity
            : StudentT.InvCDF(0.0, 1.0, stats.N - 1, (1 + confidence) / 2) * stats.StandardDeviation / Math.Sqrt(stats.N);
        return pooled is null
            ? new MetricEstimate(stats.N, stats.Mean, stats.Mean - half, stats.Mean + half, half, stats)
            : new MetricEstimate(stats.N, pooled.Rate, pooled.Low, pooled.High, half, stats);
    }
}
