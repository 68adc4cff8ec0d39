using GossipSim.Analysis;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Compares a fresh result set with a stored baseline by the <c>compare</c> statistics (Welch's
/// test per scenario, sweep point and metric), and fails a metric that is significantly worse
/// (p &lt; 0.05) by more than the tolerance. Seeds differ between the two on purpose in CI
/// (fresh seeds guard against tuning to one lucky set), so a raw diff would always fail; when
/// they are the same the runs pair by seed, as in <c>compare</c>. A scenario may name the
/// metrics to compare and each one's tolerance (<c>baseline:</c> in its YAML); otherwise every
/// metric is compared at the command's tolerance.
/// </summary>
public static class BaselineCheck
{
    /// <summary>Metrics where a larger value is better; every other compared metric is better smaller.</summary>
    private static readonly HashSet<string> HigherIsBetter = new(StringComparer.Ordinal)
    {
        "known_fraction_mean", "view_accuracy_end", "updates_converged", "membership_events_converged", "crashes_detected_all",
    };

    /// <summary>Sizes and counts of the setup itself, and timings of the machine: not behaviour to hold a change to.</summary>
    private static readonly HashSet<string> NotChecked = new(StringComparer.Ordinal)
    {
        "nodes", "duration_s", "updates", "crashes", "membership_events", "events", "events_per_s", "wall_s",
    };

    /// <param name="baselineDirectory">The stored result set the runs are held to.</param>
    /// <param name="resultsDirectory">The result set just run.</param>
    /// <param name="tolerance">The relative change allowed for a metric no scenario names.</param>
    /// <param name="chosen">Per scenario, the metrics it names and their tolerances; a scenario not in it compares every metric at <paramref name="tolerance"/>.</param>
    public static List<CheckVerdict> Evaluate(string baselineDirectory, string resultsDirectory, double tolerance,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? chosen = null)
    {
        var verdicts = new List<CheckVerdict>();
        var compared = new HashSet<(string Scenario, string Metric)>();
        foreach (var row in Comparison.Compare(baselineDirectory, resultsDirectory))
        {
            string metric = row.Get("metric") ?? "";
            double allowed = tolerance;
            if (chosen?.GetValueOrDefault(row.Get(ResultColumns.Scenario) ?? "") is { } metrics)
            {
                if (!metrics.TryGetValue(metric, out allowed)) continue;
            }
            else if (NotChecked.Contains(metric)) continue;
            double baseline = ResultColumns.Number(row, "mean_a"), observed = ResultColumns.Number(row, "mean_b");
            compared.Add((row.Get(ResultColumns.Scenario) ?? "", metric));
            double delta = HigherIsBetter.Contains(metric) ? baseline - observed : observed - baseline;
            // Relative to the baseline; from a baseline of 0 any worsening is beyond every tolerance.
            double worse = baseline != 0 ? delta / Math.Abs(baseline) : delta > 0 ? double.PositiveInfinity : 0;
            bool significant = row.Get("significant") == "yes";
            bool passed = !(significant && worse > allowed);
            string detail = passed
                ? $"mean {baseline:G4} -> {observed:G4} ({ExpectationCheck.Percent(-worse)} better), {(significant ? "significant" : "not significant")}"
                : $"significantly worse than the baseline: mean {baseline:G4} -> {observed:G4} ({ExpectationCheck.Percent(worse)} worse, tolerance {ExpectationCheck.Percent(allowed)}, {row.Get("test")} p = {row.Get("p")})";
            verdicts.Add(new CheckVerdict(row.Get(ResultColumns.Scenario) ?? "", $"point {row.Get(ResultColumns.Point)}", $"baseline {metric}",
                $"{baseline:G4} +{ExpectationCheck.Percent(allowed)} ({row.Get("test")})", observed, double.IsInfinity(worse) ? "" : ExpectationCheck.Percent(-worse), passed, "", "", detail));
        }
        // A comparison that cannot be made must not pass: a metric a scenario names with no values
        // on either side, or a baseline that shares nothing with this check.
        foreach (var (scenario, metrics) in chosen ?? new Dictionary<string, IReadOnlyDictionary<string, double>>())
            foreach (string metric in metrics.Keys.Where(m => !compared.Contains((scenario, m))))
                verdicts.Add(Unmade(scenario, $"baseline {metric}", $"no values of '{metric}' to compare: not a runs.csv column of this scenario, or empty in every run of the baseline or of this check"));
        if (verdicts.Count == 0)
            verdicts.Add(Unmade("", "baseline", $"{baselineDirectory} and this check share no scenario and sweep point with a metric in common: nothing was compared"));
        return verdicts;
    }

    private static CheckVerdict Unmade(string scenario, string name, string why) => new(scenario, "", name, "", double.NaN, "", false, "", "", why);
}
