using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// A rate of rare events over pooled exposure, with the exact (Garwood) Poisson interval: at 95%,
/// k events in exposure E give k / E within [χ²(0.025; 2k) / 2E, χ²(0.975; 2k + 2) / 2E], the
/// lower end 0 when k = 0. Never negative, and right at k = 0, 1, 2, where a t interval over
/// per-run rates is not. Over several runs whose counts spread more than independent events can
/// (<see cref="Overdispersed"/>: false deaths come in clusters, a partition marks hundreds of
/// pairs at once), the interval is widened to the quasi-Poisson one.
/// </summary>
public sealed record PoissonRate(double Events, double Exposure, double Rate, double Low, double High)
{
    /// <summary>
    /// True when the runs' counts spread more than a Poisson rate allows (the dispersion test,
    /// p &lt; 0.05), and the interval is the quasi-Poisson one, the Poisson variance scaled by the
    /// observed dispersion, where that is wider than the exact interval.
    /// </summary>
    public bool Overdispersed { get; init; }

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
    /// Counts of rare events per run that runs.csv gives as counts alone: over a point they pool
    /// as a rate per run (exposure 1 a run), so a point with counts 0, 6 and 2 gets an interval
    /// that cannot go below zero, as a t interval over three runs would.
    /// </summary>
    public static readonly IReadOnlySet<string> CountsPerRun = new HashSet<string>(StringComparer.Ordinal)
    {
        "fp_by_slow_observer", "fp_slow_subject", "fp_by_paused_observer", "late_death_marks",
    };

    /// <summary>Whether a point's figure and interval for the metric are a pooled rate (<see cref="Pooled"/>), not a mean over runs.</summary>
    public static bool IsPooled(string metric) => Metrics.ContainsKey(metric) || CountsPerRun.Contains(metric);

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
        if (!IsPooled(metric) || runs.Count == 0) return null;
        bool rate = Metrics.TryGetValue(metric, out var columns);
        var counts = new (double Events, double Exposure)[runs.Count];
        for (int i = 0; i < runs.Count; i++)
        {
            counts[i] = rate ? (cell(runs[i], columns.Count), cell(runs[i], columns.Exposure)) : (cell(runs[i], metric), 1);
            if (double.IsNaN(counts[i].Events) || double.IsNaN(counts[i].Exposure)) return null;
        }
        return OfRuns(counts, confidence);
    }

    /// <summary>
    /// The pooled rate of runs' counts over their exposures. The exact interval assumes independent
    /// events; when the runs' counts spread more than that allows (Pearson's dispersion statistic
    /// D = Σ (k_i − λe_i)² / λe_i against χ² with runs − 1 degrees of freedom, p &lt; 0.05), the
    /// interval is widened to the quasi-Poisson one, λ ± t(runs − 1) √(φλ/E) with φ = D / (runs − 1)
    /// (the quasi-Poisson model of McCullagh and Nelder's Generalized Linear Models), cut at zero.
    /// </summary>
    public static PoissonRate OfRuns(IReadOnlyList<(double Events, double Exposure)> runs, double confidence = 0.95)
    {
        double events = runs.Sum(r => r.Events), exposure = runs.Sum(r => r.Exposure);
        var rate = Of(events, exposure, confidence);
        int df = runs.Count(r => r.Exposure > 0) - 1;
        if (df < 1 || events <= 0) return rate;
        double dispersion = runs.Where(r => r.Exposure > 0).Sum(r => Math.Pow(r.Events - rate.Rate * r.Exposure, 2) / (rate.Rate * r.Exposure));
        if (1 - ChiSquared.CDF(df, dispersion) >= 0.05) return rate;
        double half = StudentT.InvCDF(0.0, 1.0, df, (1 + confidence) / 2) * Math.Sqrt(dispersion / df * rate.Rate / exposure);
        return rate with { Low = Math.Max(0, Math.Min(rate.Low, rate.Rate - half)), High = Math.Max(rate.High, rate.Rate + half), Overdispersed = true };
    }
}
