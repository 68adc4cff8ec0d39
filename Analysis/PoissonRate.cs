using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// A rate of rare events over pooled exposure, with the exact (Garwood) Poisson interval: at 95%,
/// k events in exposure E give k / E within [χ²(0.025; 2k) / 2E, χ²(0.975; 2k + 2) / 2E], the
/// lower end 0 when k = 0. Never negative, and right at k = 0, 1, 2, where a t interval over
/// per-run rates is not.
/// </summary>
public sealed record PoissonRate(double Events, double Exposure, double Rate, double Low, double High)
{
    /// <param name="events">The events counted.</param>
    /// <param name="exposure">What they were counted over (node-hours, requests).</param>
    /// <param name="confidence">The two-sided level of the interval.</param>
    public static PoissonRate Of(double events, double exposure, double confidence = 0.95)
    {
        if (exposure <= 0) return new(events, exposure, double.NaN, double.NaN, double.NaN);
        double tail = (1 - confidence) / 2;
        double low = events <= 0 ? 0 : ChiSquared.InvCDF(2 * events, tail) / 2;
        double high = ChiSquared.InvCDF(2 * events + 2, 1 - tail) / 2;
        return new(events, exposure, events / exposure, low / exposure, high / exposure);
    }

    /// <summary>
    /// Rate metrics of runs.csv whose count and exposure are columns too: the metric is count
    /// over exposure in each run, and over a point the counts and exposures pool.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Count, string Exposure)> Metrics = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["fp_per_node_hour"] = ("fp_declarations", "observer_node_hours"),
        ["request_needless_hint_rate"] = ("request_needless_hint", "requests"),
        ["request_sent_to_dead_rate"] = ("request_sent_to_dead", "requests"),
        ["request_wrong_owner_rate"] = ("request_wrong_owner", "requests"),
    };

    /// <summary>
    /// The pooled rate of a rate metric over runs, or null when the metric is not one or a run lacks
    /// its count or exposure. The report, <c>check</c> and <c>tune</c> all take a point's rate of rare
    /// events from here, so the three give one figure and one interval for it.
    /// </summary>
    /// <param name="metric">The runs.csv column of the rate.</param>
    /// <param name="runs">The point's runs, in whatever form the caller holds them.</param>
    /// <param name="cell">A run's value of a column, NaN when it has none.</param>
    /// <param name="confidence">The two-sided level of the interval.</param>
    public static PoissonRate? Pooled<TRun>(string metric, IReadOnlyList<TRun> runs, Func<TRun, string, double> cell, double confidence = 0.95)
    {
        if (!Metrics.TryGetValue(metric, out var columns) || runs.Count == 0) return null;
        double events = 0, exposure = 0;
        foreach (var run in runs)
        {
            double k = cell(run, columns.Count), e = cell(run, columns.Exposure);
            if (double.IsNaN(k) || double.IsNaN(e)) return null;
            events += k;
            exposure += e;
        }
        return Of(events, exposure, confidence);
    }
}
