namespace GossipSim.Analysis;

/// <summary>
/// summary.csv: one row per (scenario, point, metric), long format. For every metric column of
/// runs.csv the statistics are over the finished runs of the point, one value per seed (see
/// <see cref="SampleStatistics"/> for the CI and the type 7 quantiles). Then, for each kind of
/// cluster event in events.csv (update, crash, join, ...), rows pooled over the point's events
/// of that kind, the kind in the name, since an update and a crash spread by different
/// mechanisms and pooled together describe neither: <c>pooled_KIND_t50_s</c>,
/// <c>pooled_KIND_t90_s</c>, <c>pooled_KIND_t99_s</c>, <c>pooled_KIND_t100_s</c> over the events
/// that reached that level (n says how many); <c>pooled_KIND_converged_fraction</c>, the share of
/// the events that were not censored where every observer learned (as 0/1 values, so its mean is
/// the fraction), which says what the t100 rows leave out; and
/// <c>pooled_KIND_censored_fraction</c>, the share of all the kind's events that were censored
/// (written too close to the run's end to call failed, <see cref="ResultColumns.IsCensored"/>).
/// </summary>
public static class SummaryBuilder
{
    public static readonly IReadOnlyList<string> StatisticColumns =
        ["metric", "n", "mean", "sd", "ci95_low", "ci95_high", "interval", "median", "p5", "p95"];

    public static readonly IReadOnlyList<string> PooledEventColumns = ["t50_s", "t90_s", "t99_s", "t100_s"];

    private const string ConvergedFraction = "converged_fraction";
    private const string CensoredFraction = "censored_fraction";

    /// <summary>The summary metric of one event kind's pooled column: ("crash", "t50_s") is pooled_crash_t50_s.</summary>
    public static string PooledMetric(string kind, string column) => $"pooled_{kind}_{column}";

    public static List<ResultRow> Build(IReadOnlyList<ResultRow> runs, IReadOnlyList<ResultRow> events) =>
        Build(RunPoint.Group(runs, events), ResultColumns.Metrics(runs), ResultColumns.Parameters(runs));

    public static List<ResultRow> Build(IReadOnlyList<RunPoint> points, IReadOnlyList<string> metrics, IReadOnlyList<string> parameterColumns)
    {
        var rows = new List<ResultRow>();
        foreach (var point in points)
        {
            foreach (string metric in metrics)
            {
                var stats = point.Statistics(metric);
                if (stats.N > 0) rows.Add(Row(point, parameterColumns, metric, stats));
            }
            foreach (var events in point.Events.GroupBy(e => e.Get("kind") ?? ""))
            {
                foreach (string column in PooledEventColumns)
                {
                    var stats = SampleStatistics.Of(events.Select(e => ResultColumns.Number(e, column)));
                    if (stats.N > 0) rows.Add(Row(point, parameterColumns, PooledMetric(events.Key, column), stats));
                }
                var judged = events.Where(e => !ResultColumns.IsCensored(e)).ToList();
                if (judged.Count > 0)
                    rows.Add(Row(point, parameterColumns, PooledMetric(events.Key, ConvergedFraction), SampleStatistics.Of(judged.Select(e => IsConverged(e) ? 1.0 : 0.0))));
                rows.Add(Row(point, parameterColumns, PooledMetric(events.Key, CensoredFraction),
                    SampleStatistics.Of(events.Select(e => ResultColumns.IsCensored(e) ? 1.0 : 0.0))));
            }
        }
        return rows;
    }

    /// <summary>The header: identity, every parameter column (empty where a point does not sweep it), then the statistics.</summary>
    public static List<string> Columns(IReadOnlyList<string> parameterColumns) =>
        [ResultColumns.Scenario, ResultColumns.Point, .. parameterColumns, .. StatisticColumns];

    /// <summary>converged is written as true/false (or 1/0); an event without the cell falls back to having a t100.</summary>
    public static bool IsConverged(ResultRow row)
    {
        string cell = row.Get("converged") ?? "";
        if (cell.Length == 0) return !double.IsNaN(ResultColumns.Number(row, "t100_s"));
        return cell is "true" or "True" or "1" or "yes";
    }

    private static ResultRow Row(RunPoint point, IReadOnlyList<string> parameterColumns, string metric, SampleStatistics s)
    {
        var row = new ResultRow().Add(ResultColumns.Scenario, point.Scenario).Add(ResultColumns.Point, point.Point);
        foreach (string column in parameterColumns) row.Add(column, point.Parameter(column) ?? "");
        return row.Add("metric", metric).Add("n", s.N).Add("mean", s.Mean).Add("sd", s.StandardDeviation)
            .Add("ci95_low", s.Ci95Low).Add("ci95_high", s.Ci95High).Add("interval", s.Interval)
            .Add("median", s.Median).Add("p5", s.P5).Add("p95", s.P95);
    }
}
