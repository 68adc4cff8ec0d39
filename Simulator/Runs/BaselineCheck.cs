using GossipSim.Analysis;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Compares a fresh result set with a stored baseline by the <c>compare</c> statistics (Welch's
/// test per scenario, sweep point and metric), and fails a metric that is significantly worse
/// (p &lt; 0.05) by more than the tolerance, worse as its <see cref="MetricDirections"/> entry
/// says. Seeds differ between the two on purpose in CI (fresh seeds guard against tuning to one
/// lucky set), so a raw diff would always fail; when they are the same the runs pair by seed, as
/// in <c>compare</c>. A scenario may name the metrics to compare and each one's tolerance
/// (<c>baseline:</c> in its YAML); otherwise every metric that measures behaviour is compared at
/// the command's tolerance.
/// </summary>
public static class BaselineCheck
{
    /// <param name="baselineDirectory">The stored result set the runs are held to.</param>
    /// <param name="resultsDirectory">The result set just run.</param>
    /// <param name="tolerance">The relative change allowed for a metric no scenario names.</param>
    /// <param name="chosen">Per scenario, the metrics it names and their tolerances; a scenario not in it compares every metric at <paramref name="tolerance"/>.</param>
    public static List<CheckVerdict> Evaluate(string baselineDirectory, string resultsDirectory, double tolerance,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? chosen = null)
    {
        var baseline = ResultSet.Load(baselineDirectory);
        var fresh = ResultSet.Load(resultsDirectory);
        var rows = Comparison.Compare(baseline, fresh)
            .ToDictionary(r => (r.Get(ResultColumns.Scenario) ?? "", r.Get(ResultColumns.Point) ?? "", r.Get("metric") ?? ""));
        var columns = Comparable(baseline, fresh);
        var verdicts = new List<CheckVerdict>();
        var compared = new HashSet<(string Scenario, string Metric)>();
        foreach (var (before, after) in Comparison.Matching(baseline, fresh))
        {
            var named = chosen?.GetValueOrDefault(before.Scenario);
            string point = $"point {before.Point}";
            // A failed run has no value for any metric: the point cannot be compared at all.
            if (before.FailedRuns > 0 || after.FailedRuns > 0)
            {
                string failed = string.Join("; ", new[] { (Point: before, Whose: "the baseline"), (Point: after, Whose: "this check") }
                    .Where(s => s.Point.FailedRuns > 0)
                    .Select(s => $"{s.Point.FailedRuns} of {s.Point.Runs.Count + s.Point.FailedRuns} runs of {s.Whose} failed"));
                verdicts.Add(Unmade(before.Scenario, point, "baseline", failed + " (see the error column of runs.csv): a failed run cannot be compared"));
                compared.UnionWith((named?.Keys ?? []).Select(m => (before.Scenario, m)));
                continue;
            }
            foreach (string metric in columns)
            {
                double allowed = tolerance;
                var direction = MetricDirections.Of(metric);
                if (named is not null ? !named.TryGetValue(metric, out allowed) : direction == MetricDirection.NotBehaviour) continue;
                int missingBefore = Missing(before, metric), missingAfter = Missing(after, metric);
                // Empty in every run of both: the scenario does not measure it (t100 without updates).
                if (missingBefore == before.Runs.Count && missingAfter == after.Runs.Count) continue;
                compared.Add((before.Scenario, metric));
                string name = $"baseline {metric}";
                string? why = null;
                if (missingBefore > 0 || missingAfter > 0)
                {
                    var counts = new List<string>();
                    if (missingBefore > 0) counts.Add(ExpectationCheck.MissingValues(metric, missingBefore, before.Runs.Count, " of the baseline"));
                    if (missingAfter > 0) counts.Add(ExpectationCheck.MissingValues(metric, missingAfter, after.Runs.Count, " of this check"));
                    why = string.Join("; ", counts) + ": a run without a value cannot be compared, and leaving it out would compare only the runs that have one";
                }
                else if (direction is null)
                    why = $"'{metric}' has no declared direction (whether larger is better or worse), so a change in it cannot be judged";
                else if (direction == MetricDirection.NotBehaviour)
                    why = $"'{metric}' is a size of the setup or a cost of the machine, not behaviour with a better direction: a baseline does not compare it";
                verdicts.Add(why is not null ? Unmade(before.Scenario, point, name, why) : Judge(rows[(before.Scenario, before.Point, metric)], direction!.Value, allowed));
            }
        }
        // A comparison that cannot be made must not pass: a metric a scenario names with no values
        // on either side, or a baseline that shares nothing with this check.
        foreach (var (scenario, metrics) in chosen ?? new Dictionary<string, IReadOnlyDictionary<string, double>>())
            foreach (string metric in metrics.Keys.Where(m => !compared.Contains((scenario, m))))
                verdicts.Add(Unmade(scenario, "", $"baseline {metric}", $"no values of '{metric}' to compare: not a runs.csv column of this scenario, or empty in every run of the baseline and of this check"));
        if (verdicts.Count == 0)
            verdicts.Add(Unmade("", "", "baseline", $"{baselineDirectory} and this check share no scenario and sweep point with a metric in common: nothing was compared"));
        return verdicts;
    }

    /// <summary>One comparison row held to its tolerance: failed when significantly worse by more than it allows.</summary>
    private static CheckVerdict Judge(ResultRow row, MetricDirection direction, double allowed)
    {
        string metric = row.Get("metric") ?? "";
        double baseline = ResultColumns.Number(row, "mean_a"), observed = ResultColumns.Number(row, "mean_b");
        double delta = direction == MetricDirection.HigherIsBetter ? baseline - observed : observed - baseline;
        // Relative to the baseline; from a baseline of 0 any worsening is beyond every tolerance.
        double worse = baseline != 0 ? delta / Math.Abs(baseline) : delta > 0 ? double.PositiveInfinity : 0;
        bool significant = row.Get("significant") == "yes";
        bool passed = !(significant && worse > allowed);
        string detail = passed
            ? $"mean {baseline:G4} -> {observed:G4} ({ExpectationCheck.Percent(-worse)} better), {(significant ? "significant" : "not significant")}"
            : $"significantly worse than the baseline: mean {baseline:G4} -> {observed:G4} ({ExpectationCheck.Percent(worse)} worse, tolerance {ExpectationCheck.Percent(allowed)}, {row.Get("test")} p = {row.Get("p")})";
        return new CheckVerdict(row.Get(ResultColumns.Scenario) ?? "", $"point {row.Get(ResultColumns.Point)}", $"baseline {metric}",
            $"{baseline:G4} +{ExpectationCheck.Percent(allowed)} ({row.Get("test")})", observed, double.IsInfinity(worse) ? "" : ExpectationCheck.Percent(-worse), passed, "", "", detail);
    }

    /// <summary>
    /// The metric columns both sets have, in the fresh set's order, with a value in at least one
    /// of them: a column empty in one set is still compared, so that a metric that stopped (or
    /// started) having values is seen rather than skipped.
    /// </summary>
    private static List<string> Comparable(ResultSet baseline, ResultSet fresh)
    {
        var inBaseline = CsvTable.Columns(baseline.Runs).ToHashSet(StringComparer.Ordinal);
        var inFresh = CsvTable.Columns(fresh.Runs).ToHashSet(StringComparer.Ordinal);
        var metrics = ResultColumns.Metrics(fresh.Runs).Concat(ResultColumns.Metrics(baseline.Runs)).Distinct(StringComparer.Ordinal);
        return metrics.Where(m => inBaseline.Contains(m) && inFresh.Contains(m)).ToList();
    }

    private static int Missing(RunPoint point, string metric) => point.Runs.Count(r => double.IsNaN(ResultColumns.Number(r, metric)));

    private static CheckVerdict Unmade(string scenario, string point, string name, string why) => new(scenario, point, name, "", double.NaN, "", false, "", "", why);
}
