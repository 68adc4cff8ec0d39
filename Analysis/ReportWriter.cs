using System.Text;

namespace GossipSim.Analysis;

/// <summary>
/// The entry point behind <c>gossipsim plot DIR</c>: reads runs.csv, events.csv and
/// timeseries.csv (and manifest.json, scenario_settings.csv when present) and writes
/// summary.csv, plots/*.png, report.md and report.html. Everything comes from those files,
/// so a report can be regenerated at any time; the same files give the same summary.csv and
/// report.md bytes.
/// </summary>
public static class ReportWriter
{
    public const string SummaryFile = "summary.csv";
    public const string PlotsFolder = "plots";
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    private static readonly (string Metric, string Label)[] SweepMetrics =
    [
        ("t99_s_mean", "t99 (s)"),
        ("bytes_per_node_s_mean", "bytes per node per second (B/s)"),
        ("detect_first_s", "time to the first death mark (s)"),
        ("fp_per_node_hour", "false deaths per node-hour"),
    ];

    private static readonly (string Metric, string Label)[] HeatmapMetrics =
        [("t99_s_mean", "t99 (s)"), ("bytes_per_node_s_mean", "bytes per node per second (B/s)")];

    /// <summary>Headline table columns, shown when present: the answers to the design's four questions.</summary>
    private static readonly (string Metric, string Label)[] Headline =
    [
        ("t50_s_mean", "t50 (s)"),
        ("t99_s_mean", "t99 (s)"),
        ("t100_s_mean", "t100 (s)"),
        ("known_fraction_mean", "known fraction"),
        ("bytes_per_node_s_mean", "B/node/s"),
        ("msgs_per_node_s_mean", "msgs/node/s"),
        ("detect_first_s", "first death mark (s)"),
        ("detect_t50_s", "half marked dead (s)"),
        ("detect_all_s", "all detect (s)"),
        ("fp_per_node_hour", "false deaths /node-h"),
        // The store's view (docs/routing.md): where requests went, and how long ring changes took to reach every view.
        ("request_ok_rate", "requests ok"),
        ("request_sent_to_dead_rate", "sent to dead"),
        ("request_needless_hint_rate", "needless hints"),
        ("request_wrong_owner_rate", "wrong owner"),
        ("ring_t100_s_mean", "ring t100 (s)"),
        ("ring_t100_s_max", "ring t100 max (s)"),
    ];

    public static ReportOutcome WriteAll(string directory, ReportInputs? inputs)
    {
        var set = ResultSet.Load(directory);
        inputs = (inputs ?? new ReportInputs()).WithSettingsFrom(directory);
        var metrics = ResultColumns.Metrics(set.Runs);
        var parameterColumns = ResultColumns.Parameters(set.Runs);

        var summary = SummaryBuilder.Build(set.Points, metrics, parameterColumns);
        CsvTable.WriteAtomically(Path.Combine(directory, SummaryFile), summary, SummaryBuilder.Columns(parameterColumns));

        string plotsDirectory = Path.Combine(directory, PlotsFolder);
        ClearOldPlots(plotsDirectory);
        var plots = new List<PlotResult>();
        var fits = new List<ScalingFitResult>();
        var document = new ReportDocument();
        string title = inputs.Title ?? $"GossipSim results: {string.Join(", ", set.Scenarios)}";
        document.AddHeading(1, title);
        AddSource(document, set);

        foreach (var scenarioPoints in set.Points.GroupBy(p => p.Scenario))
        {
            string scenario = scenarioPoints.Key;
            var points = scenarioPoints.ToList();
            var settings = inputs.For(scenario);
            document.AddHeading(2, $"Scenario `{scenario}`");
            AddParameters(document, points, settings);
            AddHeadline(document, points, metrics);
            AddTheory(document, points, settings);

            var fit = ScalingFit.SweepsNodes(points) ? ScalingFit.Fit(scenario, points, settings) : null;
            if (fit is not null)
            {
                fits.Add(fit);
                AddScaling(document, fit);
            }

            var scenarioPlots = new List<PlotResult?>();
            foreach (string kind in points.SelectMany(p => p.Events).Select(e => e.Get("kind") ?? "").Distinct())
            {
                scenarioPlots.Add(ResultPlots.Dissemination(plotsDirectory, scenario, kind, points, settings));
                scenarioPlots.Add(ResultPlots.ConvergenceCdf(plotsDirectory, scenario, kind, points));
            }
            foreach (var (metric, label) in SweepMetrics)
                if (metrics.Contains(metric)) scenarioPlots.Add(ResultPlots.SweepLines(plotsDirectory, scenario, points, metric, label));
            foreach (var (metric, label) in HeatmapMetrics)
                if (metrics.Contains(metric)) scenarioPlots.Add(ResultPlots.Heatmap(plotsDirectory, scenario, points, metric, label));
            if (fit is not null) scenarioPlots.Add(ResultPlots.Scaling(plotsDirectory, fit));
            foreach (var point in points.Where(p => p.Timeseries.Count > 0).Take(ResultPlots.MaxLines))
                scenarioPlots.AddRange(TimeseriesPlots(plotsDirectory, point));

            if (scenarioPlots.Any(p => p is not null)) document.AddHeading(3, "Plots");
            foreach (var plot in scenarioPlots.OfType<PlotResult>())
            {
                plots.Add(plot);
                document.AddImage(plot);
            }
        }

        var overall = new List<PlotResult?>
        {
            ResultPlots.Bandwidth(plotsDirectory, set.Points, metrics),
            ResultPlots.FalseDeaths(plotsDirectory, set.Points, metrics),
            ResultPlots.TradeOff(plotsDirectory, set.Points),
        }.OfType<PlotResult>().ToList();
        if (overall.Count > 0) document.AddHeading(2, "Across all scenarios");
        foreach (var plot in overall)
        {
            plots.Add(plot);
            document.AddImage(plot);
        }
        document.AddParagraph("Statistics: means across seeds with 95% Student t confidence intervals; rates of rare events "
            + "(false deaths per node-hour, request outcome rates) pool their counts and exposure over the seeds, with exact Poisson "
            + "intervals; quantiles are type 7 (linear interpolation). Column meanings and how to read each plot: docs/analysis.md "
            + "and docs/measurements.md.");

        var utf8 = new UTF8Encoding(false);
        AtomicFile.WriteText(Path.Combine(directory, MarkdownFile), document.ToMarkdown(), utf8);
        AtomicFile.WriteText(Path.Combine(directory, HtmlFile), document.ToHtml(title, plotsDirectory), utf8);
        return new ReportOutcome(summary, plots, fits);
    }

    private static IEnumerable<PlotResult?> TimeseriesPlots(string plotsDirectory, RunPoint point)
    {
        var columns = CsvTable.Columns(point.Timeseries);
        var requests = columns.Where(c => c.StartsWith("request_", StringComparison.Ordinal)).ToList();
        string where = $"{point.Scenario} ({point.Label})";
        yield return ResultPlots.TimeseriesLines(plotsDirectory, "requests", $"{where}: where do requests go while views are stale?",
            "requests per interval (mean across runs)", point, requests);
        yield return ResultPlots.TimeseriesLines(plotsDirectory, "bandwidth_over_time", $"{where}: how does traffic change over time?",
            "bytes per second (mean across runs)", point, columns.Where(c => c.StartsWith("bytes_", StringComparison.Ordinal)).ToList());
        yield return ResultPlots.TimeseriesLines(plotsDirectory, "liveness", $"{where}: how accurate are the nodes' views?",
            "fraction or count (as in timeseries.csv)", point,
            columns.Where(c => c is "view_accuracy" or "suspected" or "dead").ToList());
    }

    private static void AddSource(ReportDocument document, ResultSet set)
    {
        var rows = set.Manifest.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]).ToList();
        rows.Add(["runs in runs.csv", CellFormat.Integer(set.Runs.Count)]);
        rows.Add(["failed runs", CellFormat.Integer(set.Points.Sum(p => p.FailedRuns))]);
        rows.Add(["cluster events in events.csv", CellFormat.Integer(set.Events.Count)]);
        document.AddHeading(2, "Source");
        document.AddTable(["field", "value"], rows);
    }

    private static void AddParameters(ReportDocument document, List<RunPoint> points, ScenarioSettings settings)
    {
        var nodes = points.Select(AnalyticBaselines.Nodes).Where(n => !double.IsNaN(n)).Distinct().Select(ReportDocument.Number);
        var seeds = points.Sum(p => p.Runs.Count);
        var lines = new List<string> { $"Nodes: {string.Join(", ", nodes)}. Finished runs: {seeds} over {points.Count} point(s)." };
        foreach (string column in ResultPlots.VaryingParameters(points))
            lines.Add($"Swept `{column}`: {string.Join(", ", points.Select(p => p.Parameter(column) ?? "").Distinct())}.");
        var known = new List<string>();
        if (settings.Kind is not null) known.Add($"kind {settings.Kind}");
        if (settings.Mode is not null) known.Add($"mode {settings.Mode}");
        if (settings.Fanout is int f) known.Add($"fanout {f}");
        if (settings.IntervalS is double i) known.Add($"interval {ReportDocument.Number(i)} s");
        if (settings.ProbeIntervalS is double pi) known.Add($"probe interval {ReportDocument.Number(pi)} s");
        if (settings.PhiThreshold is double phi) known.Add($"phi threshold {ReportDocument.Number(phi)}");
        lines.Add(known.Count == 0
            ? "Protocol settings: not given (no scenario_settings.csv), so no analytic baselines."
            : $"Protocol settings: {string.Join(", ", known)}.");
        foreach (string line in lines) document.AddParagraph(line);
    }

    private static void AddHeadline(ReportDocument document, List<RunPoint> points, List<string> metrics)
    {
        var shown = Headline.Where(h => metrics.Contains(h.Metric)).ToList();
        var header = new List<string> { "point", "runs" };
        header.AddRange(shown.Select(h => h.Label));
        var rows = points.Select(p =>
        {
            var row = new List<string> { p.Label, CellFormat.Integer(p.Runs.Count) + (p.FailedRuns > 0 ? $" (+{p.FailedRuns} failed)" : "") };
            row.AddRange(shown.Select(h => ReportDocument.MeanWithCi(p.Statistics(h.Metric))));
            return (IReadOnlyList<string>)row;
        }).ToList();
        document.AddParagraph("Means across seeds, [95% CI].");
        document.AddTable(header, rows);
    }

    private static void AddTheory(ReportDocument document, List<RunPoint> points, ScenarioSettings settings)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var point in points)
            foreach (var check in AnalyticBaselines.For(point, settings.At(point)))
                rows.Add([point.Label, check.Name, $"`{check.Metric}`", check.Formula, ReportDocument.Number(check.Theory),
                    ReportDocument.MeanWithCi(check.Simulated), check.Agrees || !check.HasCi ? check.Verdict : $"**{check.Verdict}**", check.Citation]);
        if (rows.Count == 0) return;
        document.AddHeading(3, "Theory beside simulation");
        document.AddParagraph("Theory assumes synchronous rounds on a complete graph without loss; the simulator has "
            + "asynchronous timers, latency and loss. A disagreement outside the CI is marked in bold.");
        document.AddTable(["point", "baseline", "metric", "formula", "theory", "simulated [95% CI]", "verdict", "source"], rows);
    }

    private static void AddScaling(ReportDocument document, ScalingFitResult fit)
    {
        document.AddHeading(3, "Scaling with cluster size");
        string theory = fit.TheorySlope is double t
            ? $" Theory: {ReportDocument.Number(t)} {fit.Unit} per ln n ({fit.TheorySource}); "
              + (fit.TheoryInsideCi == true ? "inside the CI." : "**outside the CI**.")
            : " No theoretical slope for this protocol or unit.";
        document.AddParagraph($"Fit of t100 against ln n over {fit.Runs} runs: slope {ReportDocument.Number(fit.Slope)} "
            + $"[{ReportDocument.Number(fit.SlopeCi95Low)}, {ReportDocument.Number(fit.SlopeCi95High)}] {fit.Unit} per ln n, "
            + $"intercept {ReportDocument.Number(fit.Intercept)}, R² {ReportDocument.Number(fit.RSquared)}." + theory);
    }

    /// <summary>plots/ belongs to the report: a plot that no longer applies must not linger from an earlier report.</summary>
    private static void ClearOldPlots(string plotsDirectory)
    {
        if (!Directory.Exists(plotsDirectory)) return;
        foreach (string png in Directory.GetFiles(plotsDirectory, "*.png")) File.Delete(png);
    }
}
