using System.Text;

namespace GossipSim.Analysis;

/// <summary>
/// The entry point behind <c>gossipsim plot DIR</c>: reads runs.csv, events.csv and
/// timeseries.csv (and manifest.json, scenario_settings.csv when present) and writes
/// summary.csv, plots/*.svg, report.md and report.html. Everything comes from those files,
/// so a report can be regenerated at any time; the same files give the same summary.csv and
/// report.md bytes.
/// </summary>
public static partial class ReportWriter
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
        ("detect_all_s", "time until all observers mark a crash dead (s)"),
        ("fp_per_node_hour", "false deaths per node-hour"),
    ];

    private static readonly (string Metric, string Label)[] HeatmapMetrics =
        [("t99_s_mean", "t99 (s)"), ("bytes_per_node_s_mean", "bytes per node per second (B/s)")];

    /// <summary>Section table columns, shown when some point of the section has them: the answers to the design's four questions.</summary>
    private static readonly (string Metric, string Label)[] Headline =
    [
        ("t50_s_mean", "t50 (s)"),
        ("t99_s_mean", "t99 (s)"),
        ("t100_s_mean", "t100 (s)"),
        (ReachedAll, "reached all"),
        (Censored, CensoredLabel),
        (T99AllUpdates, "t99 of all updates (s)"),
        ("known_fraction_mean", "known fraction"),
        ("bytes_per_node_s_mean", "B/node/s"),
        ("msgs_per_node_s_mean", "msgs/node/s"),
        ("detect_first_suspect_s", "first suspicion (s)"),
        ("detect_first_s", "first death mark (s)"),
        ("detect_t50_s", "half marked dead (s)"),
        ("detect_all_s", "all detect (s)"),
        ("fp_per_node_hour", "false deaths /node-h"),
        // What the all-causes rate hides: the deaths Lifeguard and Cassandra's pause guard are
        // meant to prevent, and the marks of nodes back from a crash that are not false at all.
        ("fp_by_slow_observer", "declared by slow nodes (per run)"),
        ("fp_slow_subject", "slow nodes declared (per run)"),
        ("fp_by_paused_observer", "declared by woken nodes (per run)"),
        ("late_death_marks", "late death marks (per run)"),
        // The store's view (docs/routing.md): where requests went, and how long ring changes took to reach every view.
        ("request_ok_rate", "requests ok"),
        ("request_sent_to_dead_rate", "sent to dead"),
        ("request_needless_hint_rate", "needless hints"),
        ("request_wrong_owner_rate", "wrong owner"),
        ("ring_t100_s_mean", "ring t100 (s)"),
        ("ring_t100_s_max", "ring t100 max (s)"),
    ];

    /// <summary>
    /// The overview's tables, one per kind of scenario, each with the few metrics that answer
    /// its question. A point belongs to the first family it fits: routing when it counted
    /// requests, membership when its protocol keeps a membership view (or, with no settings,
    /// when it measured detection), dissemination otherwise.
    /// </summary>
    private static readonly (string Family, (string Metric, string Label)[] Columns)[] Overview =
    [
        ("Dissemination", [("t50_s_mean", "t50 (s)"), ("t99_s_mean", "t99 (s)"), ("t100_s_mean", "t100 (s)"), (ReachedAll, "reached all"),
            (Censored, CensoredLabel), ("bytes_per_node_s_mean", "B/node/s")]),
        ("Membership", [("detect_first_suspect_s", "first suspicion (s)"), ("detect_first_s", "first death mark (s)"),
            ("detect_all_s", "all observers (s)"), ("fp_per_node_hour", "false deaths /node-h"), ("bytes_per_node_s_mean", "B/node/s")]),
        ("Routing", [("request_ok_rate", "requests ok"), ("request_sent_to_dead_rate", "sent to dead"),
            ("request_needless_hint_rate", "needless hints"), ("request_wrong_owner_rate", "wrong owner"), ("bytes_per_node_s_mean", "B/node/s")]),
    ];

    /// <summary>Update convergence times, shown over the updates that reached every observer (<see cref="RunPoint.ConvergedUpdates"/>).</summary>
    private static readonly HashSet<string> UpdateTimes = new(StringComparer.Ordinal) { "t50_s_mean", "t90_s_mean", T99, "t100_s_mean" };

    /// <summary>The tables show this column as the share of updates that reached every observer (<see cref="RunPoint.ReachedAllShare"/>), not as a count.</summary>
    private const string ReachedAll = "updates_converged";

    /// <summary>
    /// The tables show this column as "censored of all" updates (<see cref="RunPoint.CensoredUpdates"/>),
    /// and only where some point of the table has censored updates.
    /// </summary>
    private const string Censored = "updates_censored";

    private const string CensoredLabel = "censored updates";

    /// <summary>
    /// A section-table column: runs.csv's t99_s_mean as it is, over every update that reached
    /// 99%, shown beside the same-updates t99 only when some update never reached everyone, so
    /// a rumor that stalls just short of all still shows how fast it got to 99%.
    /// </summary>
    private const string T99AllUpdates = "t99 of all updates";

    private const string T99 = "t99_s_mean";

    private const string UpdateTimesNote = "t50, t99 and t100 are means over the updates that reached every observer, so all three "
        + "describe the same updates (an update that reached 99% but never everyone counts in none of them); **reached all** is the "
        + "share of updates that did.";

    private const string CensoredNote = " **censored updates** were written too close to their run's end to tell whether they would reach "
        + "everyone (less time left than the run's slowest update that did took), so they count in none of these columns.";

    private const string T99AllUpdatesNote = " **t99 of all updates** is the mean over every update that reached 99%, everyone or not.";

    private const string AcrossId = "across-all-scenarios";
    private const string SourceId = "source";

    public static ReportOutcome WriteAll(string directory, ReportInputs? inputs)
    {
        var set = ResultSet.Load(directory);
        inputs = (inputs ?? new ReportInputs()).WithSettingsFrom(directory);
        var metrics = ResultColumns.Metrics(set.Runs);
        var parameterColumns = ResultColumns.Parameters(set.Runs);

        var summary = SummaryBuilder.Build(set.Points, metrics, parameterColumns);
        CsvTable.WriteAtomically(Path.Combine(directory, SummaryFile), summary, SummaryBuilder.Columns(parameterColumns));

        string plotsDirectory = Path.Combine(directory, PlotsFolder);
        ClearPlots(directory);
        var scenarios = set.Points.GroupBy(p => p.Scenario).Select(g => (Name: g.Key, Points: g.ToList(), Settings: inputs.For(g.Key))).ToList();
        var fits = scenarios
            .Select(s => ScalingFit.SweepsNodes(s.Points) ? ScalingFit.Fit(s.Name, s.Points, s.Settings) : null)
            .ToList();

        // Every figure is independent and writes its own file, so they are drawn in parallel;
        // the report lists them in the order asked, whatever order they finish in.
        var jobs = new List<(int Section, Func<PlotResult?> Draw)>();
        for (int i = 0; i < scenarios.Count; i++)
            foreach (var draw in ScenarioPlots(plotsDirectory, scenarios[i].Name, scenarios[i].Points, scenarios[i].Settings, metrics, fits[i]))
                jobs.Add((i, draw));
        var membership = set.Points.Where(p => Family(p, inputs.For(p.Scenario)) == "Membership").ToList();
        jobs.Add((-1, () => ResultPlots.Bandwidth(plotsDirectory, set.Points, metrics)));
        jobs.Add((-1, () => ResultPlots.FalseDeaths(plotsDirectory, set.Points, metrics)));
        jobs.Add((-1, () => ResultPlots.TradeOff(plotsDirectory, set.Points)));
        jobs.Add((-1, () => ResultPlots.DetectionTradeOff(plotsDirectory, membership)));
        jobs.Add((-1, () => ResultPlots.DetectionFalseDeathTradeOff(plotsDirectory, membership)));
        var drawn = new PlotResult?[jobs.Count];
        Parallel.For(0, jobs.Count, j => drawn[j] = jobs[j].Draw());
        var plots = drawn.OfType<PlotResult>().ToList();

        var document = new ReportDocument();
        string title = inputs.Title ?? "GossipSim results";
        document.AddHeading(1, title);
        document.AddParagraph($"{CellFormat.Integer(scenarios.Count)} scenario(s), {CellFormat.Integer(set.Points.Count)} point(s), "
            + $"{CellFormat.Integer(set.Points.Sum(p => p.Runs.Count))} finished run(s); {CellFormat.Integer(plots.Count)} figure(s). "
            + "The overview gives each point's headline numbers (means across seeds; a mean over only some of a point's runs, because "
            + "the others never had the value, says over how many, as in `18.74 (1 of 3)`); each scenario's section has the confidence "
            + $"intervals, theory and figures; [what produced these results](#{SourceId}) is at the end.");
        if (inputs.Plan.Missing.Count > 0) document.AddParagraph($"**{MissingRuns(inputs.Plan.Planned, inputs.Plan.Missing, "these results")}**; "
            + "`gossipsim run --resume` with the same command finishes them, then `gossipsim plot` remakes this report.");
        AddOverview(document, set.Points, inputs);

        var contents = scenarios.Select(s => ($"Scenario `{s.Name}`", ScenarioId(s.Name))).ToList();
        var overall = jobs.Select((job, j) => (job.Section, Plot: drawn[j])).Where(x => x.Section < 0).Select(x => x.Plot).OfType<PlotResult>().ToList();
        if (overall.Count > 0) contents.Add(("Across all scenarios", AcrossId));
        contents.Add(("Source", SourceId));
        document.AddHeading(2, "Contents");
        document.AddLinks(contents);

        for (int i = 0; i < scenarios.Count; i++)
        {
            var (scenario, points, settings) = scenarios[i];
            document.AddHeading(2, $"Scenario `{scenario}`", ScenarioId(scenario));
            AddParameters(document, points, settings);
            AddHeadline(document, points, metrics);
            AddTheory(document, points, settings);
            if (fits[i] is { } fit) AddScaling(document, fit);
            var scenarioPlots = jobs.Select((job, j) => (job.Section, Plot: drawn[j])).Where(x => x.Section == i).Select(x => x.Plot).OfType<PlotResult>().ToList();
            if (scenarioPlots.Count > 0) document.AddHeading(3, "Plots");
            foreach (var plot in scenarioPlots) document.AddImage(plot);
        }

        if (overall.Count > 0) document.AddHeading(2, "Across all scenarios", AcrossId);
        foreach (var plot in overall) document.AddImage(plot);
        AddSource(document, set);
        document.AddParagraph("Statistics: means across seeds with 95% Student t confidence intervals; rates of rare events "
            + "(false deaths per node-hour, request outcome rates) pool their counts and exposure over the seeds, with exact Poisson "
            + "intervals; quantiles are type 7 (linear interpolation). Column meanings and how to read each plot: docs/analysis.md "
            + "and docs/measurements.md.");

        var utf8 = new UTF8Encoding(false);
        AtomicFile.WriteText(Path.Combine(directory, MarkdownFile), document.ToMarkdown(), utf8);
        AtomicFile.WriteText(Path.Combine(directory, HtmlFile), document.ToHtml(title, plotsDirectory), utf8);
        return new ReportOutcome(summary, plots, fits.OfType<ScalingFitResult>().ToList());
    }

    /// <summary>
    /// The figures of one scenario, in report order, each still to be drawn. Time series are
    /// drawn for the scenario's first point that has them (the other points of a sweep show the
    /// same picture at another setting, which the sweep plots compare better), and only where
    /// something happens over time: traffic and view accuracy when the scenario has faults,
    /// request outcomes when some request went wrong. A steady cluster's flat lines say no more
    /// than the tables. The CDF of t100 over events is drawn for sweeps only: for a single point,
    /// where the dissemination band's edges and median reach 1 already mark when 5%, half and 95%
    /// of the events reached everyone, and the table gives the mean and the share that did.
    /// </summary>
    private static List<Func<PlotResult?>> ScenarioPlots(string plotsDirectory, string scenario, List<RunPoint> points,
        ScenarioSettings settings, List<string> metrics, ScalingFitResult? fit)
    {
        var jobs = new List<Func<PlotResult?>>();
        foreach (string kind in points.SelectMany(p => p.Events).Select(e => e.Get("kind") ?? "").Distinct())
        {
            jobs.Add(() => ResultPlots.Dissemination(plotsDirectory, scenario, kind, points, settings));
            if (points.Count > 1) jobs.Add(() => ResultPlots.ConvergenceCdf(plotsDirectory, scenario, kind, points));
        }
        foreach (var (metric, label) in SweepMetrics)
            if (metrics.Contains(metric)) jobs.Add(() => ResultPlots.SweepLines(plotsDirectory, scenario, points, metric, label));
        foreach (var (metric, label) in HeatmapMetrics)
            if (metrics.Contains(metric)) jobs.Add(() => ResultPlots.Heatmap(plotsDirectory, scenario, points, metric, label));
        if (fit is not null) jobs.Add(() => ResultPlots.Scaling(plotsDirectory, fit));
        if (points.FirstOrDefault(p => p.Timeseries.Count > 0) is { } point)
        {
            var faults = settings.Faults;
            var columns = CsvTable.Columns(point.Timeseries);
            jobs.Add(() => ResultPlots.RequestShares(plotsDirectory, point, faults));
            if (faults.Count == 0) return jobs;
            jobs.Add(() => ResultPlots.TimeseriesLines(plotsDirectory, "bandwidth_over_time", $"{point.Scenario} ({point.Label}): how does traffic change over time?",
                "bytes per second (mean across runs)", point, columns.Where(c => c.StartsWith("bytes_", StringComparison.Ordinal)).ToList(), faults));
            jobs.Add(() => ResultPlots.ViewAccuracy(plotsDirectory, point, faults));
        }
        return jobs;
    }

    /// <summary>The overview: one table per family of scenario, one row per point, means only, each scenario linked to its section.</summary>
    private static void AddOverview(ReportDocument document, IReadOnlyList<RunPoint> points, ReportInputs inputs)
    {
        document.AddHeading(2, "Overview");
        foreach (var (family, columns) in Overview)
        {
            var members = points.Where(p => Family(p, inputs.For(p.Scenario)) == family).ToList();
            if (members.Count == 0) continue;
            var shown = columns.Where(c => c.Metric != Censored || members.Any(p => p.CensoredUpdates > 0)).ToList();
            var header = new List<string> { "scenario", "point", "runs" };
            header.AddRange(shown.Select(c => c.Label));
            var rows = members.Select(p =>
            {
                var row = new List<string> { $"[{p.Scenario}](#{ScenarioId(p.Scenario)})", p.Parameters.Count == 0 ? "–" : p.Label, CellFormat.Integer(p.Runs.Count) };
                row.AddRange(shown.Select(c => Cell(p, c.Metric, withCi: false)));
                return (IReadOnlyList<string>)row;
            }).ToList();
            var (shownHeader, shownRows) = ReportDocument.WithoutEmptyColumns(header, rows, keepFirst: 3);
            document.AddHeading(3, family);
            if (shownHeader.Contains("reached all")) document.AddParagraph(UpdateTimesNote + (shownHeader.Contains(CensoredLabel) ? CensoredNote : ""));
            document.AddTable(shownHeader, shownRows);
        }
    }

    /// <summary>
    /// A table cell: the mean (with its CI when asked) of a metric at a point, and over how many
    /// of the point's runs when not all had it; update times over the updates that reached everyone.
    /// </summary>
    private static string Cell(RunPoint point, string metric, bool withCi)
    {
        if (metric == ReachedAll) return ReportDocument.Number(point.ReachedAllShare);
        if (metric == Censored) return point.Updates > 0 ? $"{CellFormat.Integer(point.CensoredUpdates)} of {CellFormat.Integer(point.Updates)}" : "–";
        var statistics = metric == T99AllUpdates ? point.Statistics(T99)
            : UpdateTimes.Contains(metric) ? point.ConvergedUpdates(metric) : point.Statistics(metric);
        return ReportDocument.Mean(statistics, point.Runs.Count, withCi);
    }

    private static string Family(RunPoint point, ScenarioSettings settings)
    {
        if (point.Statistics("request_ok_rate").N > 0) return "Routing";
        string? kind = settings.At(point).Kind;
        bool keepsMembership = kind is not null
            ? kind is "swim" or "heartbeat" or "akka"
            : point.Statistics("detect_first_s").N > 0 || point.Statistics("fp_per_node_hour").N > 0;
        return keepsMembership ? "Membership" : "Dissemination";
    }

    private static string ScenarioId(string scenario) => "scenario-" + ResultPlots.Slug(scenario);

    private static void AddSource(ReportDocument document, ResultSet set)
    {
        var rows = set.Manifest.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]).ToList();
        rows.Add(["runs in runs.csv", CellFormat.Integer(set.Runs.Count)]);
        rows.Add(["failed runs", CellFormat.Integer(set.Points.Sum(p => p.FailedRuns))]);
        rows.Add(["cluster events in events.csv", CellFormat.Integer(set.Events.Count)]);
        document.AddHeading(2, "Source", SourceId);
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
        bool someNotReachedAll = points.Any(p => p.ReachedAllShare < 1);
        var shown = Headline.Where(h => h.Metric switch
        {
            T99AllUpdates => someNotReachedAll && metrics.Contains(T99),
            Censored => points.Any(p => p.CensoredUpdates > 0),
            _ => metrics.Contains(h.Metric),
        }).ToList();
        var header = new List<string> { "point", "runs" };
        header.AddRange(shown.Select(h => h.Label));
        var rows = points.Select(p =>
        {
            var row = new List<string> { p.Label, CellFormat.Integer(p.Runs.Count) + (p.FailedRuns > 0 ? $" (+{p.FailedRuns} failed)" : "") };
            row.AddRange(shown.Select(h => Cell(p, h.Metric, withCi: true)));
            return (IReadOnlyList<string>)row;
        }).ToList();
        var (shownHeader, shownRows) = ReportDocument.WithoutEmptyColumns(header, rows, keepFirst: 2);
        document.AddParagraph("Means across seeds, [95% CI]; only the columns this scenario measured."
            + (shownHeader.Contains("reached all") ? " " + UpdateTimesNote : "")
            + (shownHeader.Contains(CensoredLabel) ? CensoredNote : "")
            + (shownHeader.Contains("t99 of all updates (s)") ? T99AllUpdatesNote : ""));
        document.AddTable(shownHeader, shownRows);
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

    /// <summary>"Incomplete: 2 of the 9 planned runs are not in WHERE (a/p0/s3, ...)": the first five named.</summary>
    public static string MissingRuns(int planned, IReadOnlyList<string> missing, string where)
    {
        string names = string.Join(", ", missing.Take(5)) + (missing.Count > 5 ? ", ..." : "");
        string verb = missing.Count == 1 ? "is" : "are";
        return $"Incomplete: {CellFormat.Integer(missing.Count)} of the {CellFormat.Integer(planned)} planned runs {verb} not in {where} ({names})";
    }

    /// <summary>
    /// Deletes the figures the directory's earlier report showed (the plots/ files its report.md
    /// links), so a figure that no longer applies does not linger beside a new report. Any other
    /// file in plots/, such as a figure of the user's, is not the report's and stays.
    /// </summary>
    public static void ClearPlots(string directory)
    {
        string markdown = Path.Combine(directory, MarkdownFile);
        if (!File.Exists(markdown)) return;
        foreach (System.Text.RegularExpressions.Match link in FigureLink().Matches(File.ReadAllText(markdown)))
        {
            string figure = Path.Combine(directory, PlotsFolder, link.Groups[1].Value);
            if (File.Exists(figure)) File.Delete(figure);
        }
    }

    /// <summary>A figure as report.md links it: ](plots/NAME.svg) or .png, NAME without a folder.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\]\(plots/([^/\\)]+\.(?:svg|png))\)")]
    private static partial System.Text.RegularExpressions.Regex FigureLink();
}
