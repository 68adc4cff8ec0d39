namespace GossipSim.Analysis;

/// <summary>
/// <c>gossipsim compare A B</c>: for every scenario and sweep point present in both result
/// sets and every metric both have, the difference of means B - A with its 95% CI (Welch),
/// Welch's p and a Mann-Whitney p, flagged significant when Welch's p &lt; 0.05. Points are
/// matched by scenario and swept parameter values (point number when nothing was swept).
/// No correction for testing many metrics at once: with 20 metrics about one null difference
/// is expected to be flagged by chance, so read a lone flag with care.
/// </summary>
public static class Comparison
{
    public const string ComparisonFile = "comparison.csv";
    public const double SignificanceLevel = 0.05;

    public static readonly IReadOnlyList<string> StatisticColumns =
    [
        "metric", "n_a", "mean_a", "sd_a", "n_b", "mean_b", "sd_b", "diff_mean", "diff_ci95_low", "diff_ci95_high",
        "relative_diff", "welch_t", "welch_df", "welch_p", "mann_whitney_u", "mann_whitney_p", "significant",
    ];

    public static List<ResultRow> Compare(string directoryA, string directoryB) =>
        Compare(ResultSet.Load(directoryA), ResultSet.Load(directoryB));

    public static List<ResultRow> Compare(ResultSet a, ResultSet b)
    {
        var metricsB = ResultColumns.Metrics(b.Runs).ToHashSet(StringComparer.Ordinal);
        var metrics = ResultColumns.Metrics(a.Runs).Where(metricsB.Contains).ToList();
        var parameterColumns = ParameterColumns(a, b);
        var pointsB = b.Points.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<ResultRow>();
        foreach (var pointA in a.Points)
        {
            if (!pointsB.TryGetValue(Key(pointA), out var pointB)) continue;
            foreach (string metric in metrics)
            {
                var va = pointA.Values(metric);
                var vb = pointB.Values(metric);
                if (va.Length == 0 || vb.Length == 0) continue;
                rows.Add(Row(pointA, parameterColumns, metric, va, vb));
            }
        }
        return rows;
    }

    /// <summary>Writes comparison.csv and comparison.png into outDirectory and returns the rows.</summary>
    public static List<ResultRow> Write(string directoryA, string directoryB, string outDirectory)
    {
        var a = ResultSet.Load(directoryA);
        var b = ResultSet.Load(directoryB);
        var rows = Compare(a, b);
        Directory.CreateDirectory(outDirectory);
        CsvTable.WriteAtomically(Path.Combine(outDirectory, ComparisonFile), rows, Columns(ParameterColumns(a, b)));
        ResultPlots.ComparisonChart(outDirectory, rows);
        return rows;
    }

    public static List<string> Columns(IReadOnlyList<string> parameterColumns) =>
        [ResultColumns.Scenario, ResultColumns.Point, .. parameterColumns, .. StatisticColumns];

    private static List<string> ParameterColumns(ResultSet a, ResultSet b) =>
        ResultColumns.Parameters(a.Runs).Concat(ResultColumns.Parameters(b.Runs)).Distinct().ToList();

    private static string Key(RunPoint point) => point.Scenario + "\n" + point.Label;

    private static ResultRow Row(RunPoint point, IReadOnlyList<string> parameterColumns, string metric, double[] a, double[] b)
    {
        var sa = SampleStatistics.Of(a);
        var sb = SampleStatistics.Of(b);
        var welch = WelchTestResult.Of(a, b);
        var mannWhitney = MannWhitneyResult.Of(a, b);
        var row = new ResultRow().Add(ResultColumns.Scenario, point.Scenario).Add(ResultColumns.Point, point.Point);
        foreach (string column in parameterColumns) row.Add(column, point.Parameter(column) ?? "");
        return row.Add("metric", metric)
            .Add("n_a", sa.N).Add("mean_a", sa.Mean).Add("sd_a", sa.StandardDeviation)
            .Add("n_b", sb.N).Add("mean_b", sb.Mean).Add("sd_b", sb.StandardDeviation)
            .Add("diff_mean", welch.Difference).Add("diff_ci95_low", welch.Ci95Low).Add("diff_ci95_high", welch.Ci95High)
            .Add("relative_diff", sa.Mean == 0 ? double.NaN : welch.Difference / Math.Abs(sa.Mean))
            .Add("welch_t", Finite(welch.T)).Add("welch_df", welch.DegreesOfFreedom).Add("welch_p", welch.P)
            .Add("mann_whitney_u", mannWhitney.U).Add("mann_whitney_p", mannWhitney.P)
            .Add("significant", welch.P < SignificanceLevel ? "yes" : "no");
    }

    /// <summary>An infinite t (no spread, different means) is written as empty: p = 0 already says it.</summary>
    private static double Finite(double value) => double.IsInfinity(value) ? double.NaN : value;
}
