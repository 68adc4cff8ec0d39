namespace GossipSim.Analysis;

/// <summary>
/// <c>gossipsim compare A B</c>: for every scenario and sweep point present in both result
/// sets (or two points named with <see cref="PointSelector"/>) and every metric both have, the
/// difference of means B - A with its 95% CI and p-values, flagged significant when the main
/// test's p &lt; 0.05. When both sides ran the same seeds, runs are paired by seed: paired t
/// test and Wilcoxon signed-rank test of the differences (a change that moves every seed alike
/// is found even when the spread across seeds is wide). Otherwise Welch's t test and the
/// Mann-Whitney U test. The <c>test</c> column says which. Points are matched by scenario and
/// swept parameter values (point number when nothing was swept). No correction for testing
/// many metrics at once: with 20 metrics about one null difference is expected to be flagged
/// by chance, so read a lone flag with care.
/// </summary>
public static class Comparison
{
    public const string ComparisonFile = "comparison.csv";
    public const string ChartFile = "comparison.png";
    public const double SignificanceLevel = 0.05;
    public const string PairedTest = "paired t";
    public const string UnpairedTest = "welch";

    public static readonly IReadOnlyList<string> StatisticColumns =
    [
        "metric", "n_a", "mean_a", "sd_a", "n_b", "mean_b", "sd_b", "test", "pairs", "diff_mean", "diff_ci95_low", "diff_ci95_high",
        "relative_diff", "t", "df", "p", "rank_test", "rank_statistic", "rank_p", "significant",
    ];

    /// <summary>A point named on the command line: SCENARIO@POINT, POINT its number or its label (fanout=3, interval=200ms).</summary>
    public sealed record PointSelector(string Scenario, string Point)
    {
        public static PointSelector Parse(string text)
        {
            int at = text.IndexOf('@');
            if (at <= 0 || at == text.Length - 1) throw new FormatException($"'{text}' is not SCENARIO@POINT (e.g. crash-cassandra@0)");
            return new PointSelector(text[..at], text[(at + 1)..]);
        }

        public bool Matches(RunPoint point) => point.Scenario == Scenario && (point.Point == Point || point.Label == Point);
    }

    public static List<ResultRow> Compare(string directoryA, string directoryB) =>
        Compare(ResultSet.Load(directoryA), ResultSet.Load(directoryB));

    /// <summary>Compares matching points of two sets, or, when both selectors are given, the one point each names.</summary>
    public static List<ResultRow> Compare(ResultSet a, ResultSet b, PointSelector? selectA = null, PointSelector? selectB = null)
    {
        var metricsB = ResultColumns.Metrics(b.Runs).ToHashSet(StringComparer.Ordinal);
        var metrics = ResultColumns.Metrics(a.Runs).Where(metricsB.Contains).ToList();
        var parameterColumns = ParameterColumns(a, b);
        var pairs = new List<(RunPoint A, RunPoint B)>();
        if (selectA is not null || selectB is not null)
        {
            var pointA = a.Points.FirstOrDefault(p => (selectA ?? selectB)!.Matches(p));
            var pointB = b.Points.FirstOrDefault(p => (selectB ?? selectA)!.Matches(p));
            if (pointA is not null && pointB is not null) pairs.Add((pointA, pointB));
        }
        else pairs.AddRange(Matching(a, b));
        var rows = new List<ResultRow>();
        foreach (var (pointA, pointB) in pairs)
            foreach (string metric in metrics)
                if (Row(pointA, pointB, parameterColumns, metric) is { } row) rows.Add(row);
        return rows;
    }

    /// <summary>Writes comparison.csv and comparison.png into outDirectory and returns the rows; with no rows, writes nothing.</summary>
    public static List<ResultRow> Write(string directoryA, string directoryB, string outDirectory, PointSelector? selectA = null, PointSelector? selectB = null)
    {
        var a = ResultSet.Load(directoryA);
        var b = ResultSet.Load(directoryB);
        var rows = Compare(a, b, selectA, selectB);
        // Nothing compared is an error the caller reports: an earlier comparison stays as it was.
        if (rows.Count == 0) return rows;
        Directory.CreateDirectory(outDirectory);
        CsvTable.WriteAtomically(Path.Combine(outDirectory, ComparisonFile), rows, Columns(ParameterColumns(a, b)));
        ResultPlots.ComparisonChart(outDirectory, rows);
        return rows;
    }

    /// <summary>
    /// Why comparison files may not be written into outDirectory, or null: it is a file, or it holds
    /// a comparison.csv compare did not write (another header), or a comparison.png without one
    /// (a chart cannot be told apart, so it counts as compare's only beside compare's table).
    /// </summary>
    public static string? WhyNotWritable(string outDirectory)
    {
        if (File.Exists(outDirectory)) return $"{outDirectory}: is a file, not a directory";
        string table = Path.Combine(outDirectory, ComparisonFile);
        if (File.Exists(table))
        {
            string ownHeader = string.Join(',', Columns([]).Take(6)) + ",";
            return File.ReadLines(table).FirstOrDefault()?.StartsWith(ownHeader, StringComparison.Ordinal) == true ? null
                : $"{outDirectory}: its {ComparisonFile} was not written by compare";
        }
        return File.Exists(Path.Combine(outDirectory, ChartFile)) ? $"{outDirectory}: its {ChartFile} was not written by compare" : null;
    }

    public static List<string> Columns(IReadOnlyList<string> parameterColumns) =>
        [ResultColumns.Scenario, ResultColumns.Point, "label", "scenario_b", "point_b", "label_b", .. parameterColumns, .. StatisticColumns];

    /// <summary>"scenario p3 (fanout=3)" for A, and " vs ..." for B when B is another point.</summary>
    public static string PointName(ResultRow row)
    {
        string a = $"{row.Get(ResultColumns.Scenario)} p{row.Get(ResultColumns.Point)}";
        string b = $"{row.Get("scenario_b")} p{row.Get("point_b")}";
        return a == b ? $"{a} ({row.Get("label")})" : $"{a} ({row.Get("label")}) vs {b} ({row.Get("label_b")})";
    }

    private static List<string> ParameterColumns(ResultSet a, ResultSet b) =>
        ResultColumns.Parameters(a.Runs).Concat(ResultColumns.Parameters(b.Runs)).Distinct().ToList();

    /// <summary>The points of A with their match in B (same scenario and swept values), in A's order.</summary>
    public static List<(RunPoint A, RunPoint B)> Matching(ResultSet a, ResultSet b)
    {
        var pointsB = b.Points.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        return a.Points.Where(p => pointsB.ContainsKey(Key(p))).Select(p => (p, pointsB[Key(p)])).ToList();
    }

    private static string Key(RunPoint point) => point.Scenario + "\n" + point.Label;

    /// <summary>Each run's value by seed, or null when a seed is missing or repeated (no pairing then).</summary>
    private static Dictionary<string, double>? BySeed(RunPoint point, string metric)
    {
        var bySeed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var run in point.Runs)
        {
            double v = ResultColumns.Number(run, metric);
            if (double.IsNaN(v)) continue;
            string seed = run.Get(ResultColumns.Seed) ?? "";
            if (seed.Length == 0 || !bySeed.TryAdd(seed, v)) return null;
        }
        return bySeed;
    }

    private static ResultRow? Row(RunPoint pointA, RunPoint pointB, IReadOnlyList<string> parameterColumns, string metric)
    {
        var a = pointA.Values(metric);
        var b = pointB.Values(metric);
        if (a.Length == 0 || b.Length == 0) return null;
        var sa = SampleStatistics.Of(a);
        var sb = SampleStatistics.Of(b);
        var row = new ResultRow().Add(ResultColumns.Scenario, pointA.Scenario).Add(ResultColumns.Point, pointA.Point).Add("label", pointA.Label)
            .Add("scenario_b", pointB.Scenario).Add("point_b", pointB.Point).Add("label_b", pointB.Label);
        foreach (string column in parameterColumns) row.Add(column, pointA.Parameter(column) ?? "");
        row.Add("metric", metric)
            .Add("n_a", sa.N).Add("mean_a", sa.Mean).Add("sd_a", sa.StandardDeviation)
            .Add("n_b", sb.N).Add("mean_b", sb.Mean).Add("sd_b", sb.StandardDeviation);
        var seedsA = BySeed(pointA, metric);
        var seedsB = BySeed(pointB, metric);
        double p;
        if (seedsA is not null && seedsB is not null && seedsA.Count >= 2 && seedsA.Keys.ToHashSet().SetEquals(seedsB.Keys))
        {
            var seeds = seedsA.Keys.Order(StringComparer.Ordinal).ToList();
            var paired = PairedTestResult.Of(seeds.Select(s => seedsA[s]).ToList(), seeds.Select(s => seedsB[s]).ToList());
            p = paired.P;
            row.Add("test", PairedTest).Add("pairs", paired.Pairs)
                .Add("diff_mean", paired.Difference).Add("diff_ci95_low", paired.Ci95Low).Add("diff_ci95_high", paired.Ci95High)
                .Add("relative_diff", sa.Mean == 0 ? double.NaN : paired.Difference / Math.Abs(sa.Mean))
                .Add("t", Finite(paired.T)).Add("df", paired.Pairs - 1).Add("p", p)
                .Add("rank_test", "wilcoxon signed-rank").Add("rank_statistic", paired.SignedRankW).Add("rank_p", paired.SignedRankP);
        }
        else
        {
            var welch = WelchTestResult.Of(a, b);
            var mannWhitney = MannWhitneyResult.Of(a, b);
            p = welch.P;
            row.Add("test", UnpairedTest).Add("pairs", 0)
                .Add("diff_mean", welch.Difference).Add("diff_ci95_low", welch.Ci95Low).Add("diff_ci95_high", welch.Ci95High)
                .Add("relative_diff", sa.Mean == 0 ? double.NaN : welch.Difference / Math.Abs(sa.Mean))
                .Add("t", Finite(welch.T)).Add("df", welch.DegreesOfFreedom).Add("p", p)
                .Add("rank_test", "mann-whitney u").Add("rank_statistic", mannWhitney.U).Add("rank_p", mannWhitney.P);
        }
        return row.Add("significant", p < SignificanceLevel ? "yes" : "no");
    }

    /// <summary>An infinite t (no spread, different means) is written as empty: p = 0 already says it.</summary>
    private static double Finite(double value) => double.IsInfinity(value) ? double.NaN : value;
}
