using ScottPlot;

namespace GossipSim.Analysis;

/// <summary>
/// The plots of a result set (SVG; comparison.png a PNG), one method per kind. Each returns
/// what it drew (or null, drawing nothing, when the columns it needs are missing) so reports
/// can link it and tests can compare it with the CSVs. Titles ask the question the plot answers; axis labels carry
/// units. Points are drawn from run means across seeds; error bars are 95% intervals, drawn
/// from their low to their high end (a Poisson interval is not symmetric about its rate).
/// </summary>
public static class ResultPlots
{
    public const int WidthPx = 960;
    public const int HeightPx = 560;

    /// <summary>More lines than this on one axis stop being readable; the rest are left out and the title says so.</summary>
    public const int MaxLines = 10;

    private const int CurveSamples = 501;

    /// <summary>
    /// Dissemination curve of one event kind in one scenario: the fraction of observers that
    /// know against time since the event, median and p5-p95 band across events and seeds, each
    /// event's curve its learn times from curves.csv (a step function, so a jump stays a jump).
    /// Where theory gives a curve (<see cref="AnalyticBaselines.InformedByRound"/>) it is drawn
    /// dashed on the same axes.
    /// </summary>
    public static PlotResult? Dissemination(string plotsDirectory, string scenario, string kind, IReadOnlyList<RunPoint> points,
        ScenarioSettings? settings = null)
    {
        var curvesByPoint = points.Select(p => (Point: p, Curves: DisseminationCurve.Of(p.CurvesOfJudgedEvents(), kind))).Where(x => x.Curves.Count > 0).Take(MaxLines).ToList();
        if (curvesByPoint.Count == 0) return null;
        double endS = curvesByPoint.SelectMany(x => x.Curves).Max(c => c.LastTimeS);
        if (endS <= 0) return null;
        // A sample just past the last learn time shows where every curve ends.
        endS *= 1.02;
        var times = Enumerable.Range(0, CurveSamples).Select(i => endS * i / (CurveSamples - 1)).ToArray();

        var plot = NewPlot($"{scenario}: how fast does a {kind} reach every observer?", "time since the event (s)", "fraction of observers that know");
        var series = new List<PlotSeries>();
        foreach (var (point, curves) in curvesByPoint)
        {
            var median = new double[times.Length];
            var low = new double[times.Length];
            var high = new double[times.Length];
            var sorted = new double[curves.Count];
            for (int i = 0; i < times.Length; i++)
            {
                for (int c = 0; c < sorted.Length; c++) sorted[c] = curves[c].FractionAt(times[i]);
                Array.Sort(sorted);
                median[i] = Quantiles.OfSorted(sorted, 0.5);
                low[i] = Quantiles.OfSorted(sorted, 0.05);
                high[i] = Quantiles.OfSorted(sorted, 0.95);
            }
            string label = $"{point.Label} (median, p5-p95 band, {curves.Count} events{CensoredNote(point, kind)})";
            var steps = Changes(median);
            var line = plot.Add.Scatter(steps.Select(i => times[i]).ToArray(), steps.Select(i => median[i]).ToArray());
            line.LegendText = label;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            var corners = Corners(low, high);
            var band = plot.Add.FillY(corners.Select(i => times[i]).ToArray(), corners.Select(i => high[i]).ToArray(), corners.Select(i => low[i]).ToArray());
            band.FillStyle.Color = line.Color.WithAlpha(0.15);
            // No outline: a black edge would draw the band's whole outline a second time and read as two more lines.
            band.LineStyle.Width = 0;
            series.Add(new PlotSeries(label, times, median, low, high));
            if (settings is not null && TheoryCurve(settings.At(point), point, kind, curves, endS) is { } theory)
            {
                // A thin solid line rather than a dashed one: the SVG writer draws every dash as its own
                // polygon, which made the theory most of a figure's size.
                var thin = plot.Add.Scatter(theory.X, theory.Y);
                thin.LegendText = theory.Label;
                thin.MarkerSize = 0;
                thin.LineWidth = 1;
                thin.Color = line.Color;
                series.Add(theory);
            }
        }
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, plotsDirectory, $"dissemination_{Slug(scenario)}_{Slug(kind)}.svg", series);
    }

    /// <summary>
    /// The samples a horizontal-step line needs: the ends and every sample whose value differs
    /// from the one before. Leaving out the rest draws the same picture (a step holds its value
    /// until the next kept sample) at a fraction of the size.
    /// </summary>
    private static List<int> Changes(double[] y) =>
        Enumerable.Range(0, y.Length).Where(i => i == 0 || i == y.Length - 1 || y[i] != y[i - 1]).ToList();

    /// <summary>The samples a band of straight segments needs: the ends and every sample where either edge bends.</summary>
    private static List<int> Corners(double[] low, double[] high) =>
        Enumerable.Range(0, low.Length).Where(i => i == 0 || i == low.Length - 1
            || low[i] - low[i - 1] != low[i + 1] - low[i] || high[i] - high[i - 1] != high[i + 1] - high[i]).ToList();

    /// <summary>
    /// The theory curve for one point, one round per gossip interval. Updates of the rumor family
    /// start at the event; a SWIM membership event spreads only once someone knows it (a crash
    /// must be detected first), so its curve starts when the median event reached its first percent.
    /// </summary>
    private static PlotSeries? TheoryCurve(ScenarioSettings settings, RunPoint point, string kind, List<DisseminationCurve> curves, double endS)
    {
        bool applies = settings.Kind == "swim" ? kind is "crash" or "join" or "leave" : kind == "update" && settings.IsAntiEntropy;
        if (!applies || settings.IntervalS is not double interval || interval <= 0) return null;
        double n = AnalyticBaselines.Nodes(point);
        double startS = settings.Kind == "swim" ? Quantiles.Of(curves.Select(c => c.TimesS[0]).Where(t => !double.IsNaN(t)), 0.5) : 0;
        if (double.IsNaN(startS)) return null;
        int rounds = (int)Math.Ceiling(Math.Max(0, endS - startS) / interval);
        var informed = AnalyticBaselines.InformedByRound(settings.Kind, settings.Fanout ?? 1, settings.Loss ?? 0, n, rounds);
        if (informed is null) return null;
        var x = informed.Select((_, r) => startS + r * interval).ToArray();
        string model = settings.Kind == "swim" ? "Serf logistic" : "mean-field recurrence";
        return new PlotSeries($"{point.Label}: theory, {model}, {settings.Fanout ?? 1} peers a round", x, informed);
    }

    /// <summary>
    /// Empirical CDF of t100 over events: the share of the events (converged or not) in which
    /// every observer knew by time t. Censored events, written too close to the run's end to
    /// call failed, are left out of the share, as from the tables' reached-all share, and the
    /// legend counts them.
    /// </summary>
    public static PlotResult? ConvergenceCdf(string plotsDirectory, string scenario, string kind, IReadOnlyList<RunPoint> points)
    {
        var plot = NewPlot($"{scenario}: how long until every observer knows a {kind}?", "t100: time until all observers know (s)", "fraction of events converged by then");
        var series = new List<PlotSeries>();
        foreach (var point in points)
        {
            var events = EventsOfKind(point, kind).Where(e => !ResultColumns.IsCensored(e)).ToList();
            if (events.Count == 0) continue;
            var t100 = events.Select(e => ResultColumns.Number(e, "t100_s")).Where(t => !double.IsNaN(t)).Order().ToArray();
            if (t100.Length == 0) continue;
            var fraction = t100.Select((_, i) => (i + 1.0) / events.Count).ToArray();
            string label = $"{point.Label} ({t100.Length}/{events.Count} events converged{CensoredNote(point, kind)})";
            var line = plot.Add.Scatter(t100, fraction);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = label;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            series.Add(new PlotSeries(label, t100, fraction));
            if (series.Count == MaxLines) break;
        }
        if (series.Count == 0) return null;
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, plotsDirectory, $"convergence_cdf_{Slug(scenario)}_{Slug(kind)}.svg", series);
    }

    /// <summary>
    /// Bytes sent per node per second at each point, one horizontal bar a point labelled with its
    /// full scenario name: stacked by message type when runs.csv has bytes_&lt;type&gt;_per_node_s
    /// columns, with the 95% CI of the total as the error bar.
    /// </summary>
    public static PlotResult? Bandwidth(string plotsDirectory, IReadOnlyList<RunPoint> points, IReadOnlyList<string> metrics)
    {
        const string total = "bytes_per_node_s_mean";
        var drawn = points.Where(p => p.Statistics(total).N > 0).ToList();
        if (drawn.Count == 0) return null;
        // Types no drawn point sent (every protocol writes all its types, 0 when unsent) would only crowd the legend.
        var types = metrics.Where(m => m.StartsWith("bytes_", StringComparison.Ordinal) && m.EndsWith("_per_node_s", StringComparison.Ordinal)
            && m != "bytes_per_node_s" && drawn.Any(p => Mean(p, m, 0.0) > 0)).ToList();
        var positions = Enumerable.Range(0, drawn.Count).Select(RowPosition(drawn.Count)).ToArray();
        var plot = NewPlot("What does each node send per second?", "bytes sent per node per second (B/s, on the wire)", "");
        // Twenty colours, so that no two message types of one chart share one.
        plot.Add.Palette = new ScottPlot.Palettes.Category20();
        var series = new List<PlotSeries>();
        var stackBase = new double[drawn.Count];
        foreach (string type in types)
        {
            var values = drawn.Select(p => Mean(p, type, 0.0)).ToArray();
            AddStackedBars(plot, positions, stackBase, values, TypeName(type));
            series.Add(new PlotSeries(type, positions, values));
        }
        var stats = drawn.Select(p => p.Statistics(total)).ToArray();
        var means = stats.Select(s => s.Mean).ToArray();
        if (types.Count == 0) AddStackedBars(plot, positions, new double[drawn.Count], means, "all messages");
        AddHorizontalErrors(plot, positions, stats.Select(s => s.Ci95Low).ToArray(), stats.Select(s => s.Ci95High).ToArray());
        series.Add(new PlotSeries(total, positions, means, stats.Select(s => s.Ci95Low).ToArray(), stats.Select(s => s.Ci95High).ToArray()));
        var labels = drawn.Select(RowLabel).ToArray();
        int height = RowTicks(plot, labels);
        plot.Axes.Margins(left: 0);
        // Beside the bars, not over them: with seventy rows the longest bars reach the corners.
        plot.ShowLegend(Edge.Right);
        return Save(plot, plotsDirectory, "bandwidth.svg", series, height) with { Categories = labels };
    }

    /// <summary>
    /// Horizontal bars from stackBase to stackBase + values in the next colour; stackBase moves up
    /// by values. A bar of no length is left out: each protocol sends only a few of all the message
    /// types, and the empty bars of the rest were most of the chart's elements.
    /// </summary>
    private static void AddStackedBars(Plot plot, double[] positions, double[] stackBase, double[] values, string legend)
    {
        var color = plot.Add.GetNextColor();
        var bars = positions.Select((y, i) => new Bar
        {
            Position = y, ValueBase = stackBase[i], Value = stackBase[i] + values[i], FillColor = color, Orientation = Orientation.Horizontal,
            // Adjacent message types differ in colour; an outline on each of some 300 bars would be a third of the chart's size.
            LineWidth = 0,
        }).Where(b => b.Value != b.ValueBase).ToList();
        if (bars.Count > 0) plot.Add.Bars(bars).LegendText = legend;
        for (int i = 0; i < values.Length; i++) stackBase[i] += values[i];
    }

    /// <summary>A black interval [low, high] on each horizontal bar; a bar without one (NaN) gets none.</summary>
    private static void AddHorizontalErrors(Plot plot, double[] positions, double[] low, double[] high)
    {
        for (int i = 0; i < positions.Length; i++)
        {
            if (double.IsNaN(low[i]) || double.IsNaN(high[i])) continue;
            var line = plot.Add.Line(low[i], positions[i], high[i], positions[i]);
            line.Color = Colors.Black;
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;
        }
    }

    /// <summary>
    /// Time-series columns over time for one point, each the mean across its runs at each t_s,
    /// with the scenario's faults marked: a dashed red line where one starts, a dashed green
    /// line where a lasting one ends. Used for bandwidth over time (bytes_*).
    /// </summary>
    public static PlotResult? TimeseriesLines(string plotsDirectory, string fileStem, string title, string yLabel,
        RunPoint point, IReadOnlyList<string> columns, IReadOnlyList<FaultWindow>? faults = null)
    {
        var present = columns.Where(c => point.Timeseries.Any(r => !double.IsNaN(ResultColumns.Number(r, c)))).Take(MaxLines).ToList();
        if (present.Count == 0) return null;
        var plot = NewPlot(title, "simulated time (s)", yLabel);
        var series = present.Select(c => AddLine(plot, c, MeanByTime(point, c, null))).ToList();
        series.AddRange(MarkFaults(plot, faults ?? []));
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, plotsDirectory, $"{fileStem}_{Slug(point.Scenario)}_p{Slug(point.Point)}.svg", series);
    }

    /// <summary>
    /// Where requests went, as shares of all requests in each interval (pooled over the runs):
    /// only the outcomes other than request_ok are drawn, since ok is nearly all of them and on
    /// one axis would press the rare outcomes against zero. Outcomes that never happened are left
    /// out; null when none did.
    /// </summary>
    public static PlotResult? RequestShares(string plotsDirectory, RunPoint point, IReadOnlyList<FaultWindow>? faults = null)
    {
        var columns = CsvTable.Columns(point.Timeseries).Where(c => c.StartsWith("request_", StringComparison.Ordinal)).ToList();
        var rare = columns.Where(c => c != "request_ok" && point.Timeseries.Any(r => ResultColumns.Number(r, c) > 0)).Take(MaxLines).ToList();
        if (rare.Count == 0) return null;
        var plot = NewPlot($"{point.Scenario} ({point.Label}): which requests go wrong while views are stale?",
            "simulated time (s)", "share of the interval's requests (the rest went right)");
        var series = rare.Select(c => AddLine(plot, c, MeanByTime(point, c, columns))).ToList();
        series.AddRange(MarkFaults(plot, faults ?? []));
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, plotsDirectory, $"requests_{Slug(point.Scenario)}_p{Slug(point.Point)}.svg", series);
    }

    /// <summary>
    /// view_accuracy over time, faults marked. A cold cluster starts knowing nobody, so its first
    /// seconds would stretch the axis down to 0 and flatten what faults do; the axis starts at the
    /// lowest value after the warm-up (the first fault, or the first tenth of the run without
    /// faults) and the axis label says so.
    /// </summary>
    public static PlotResult? ViewAccuracy(string plotsDirectory, RunPoint point, IReadOnlyList<FaultWindow>? faults = null)
    {
        const string column = "view_accuracy";
        var (xs, ys) = MeanByTime(point, column, null);
        if (xs.Length == 0) return null;
        faults ??= [];
        double warmUpS = faults.Count > 0 ? faults.Min(f => f.StartS) : xs[^1] / 10;
        var after = ys.Where((_, i) => xs[i] >= warmUpS).ToArray();
        double low = after.Length > 0 ? after.Min() : ys.Min();
        double high = Math.Max(1, ys.Max());
        double pad = Math.Max(0.005, (high - low) * 0.05);
        var plot = NewPlot($"{point.Scenario} ({point.Label}): how accurate are the views after the cold start?", "simulated time (s)",
            $"views matching the truth (y from the low after {ReportDocument.Number(warmUpS)} s)");
        var series = new List<PlotSeries> { AddLine(plot, column, (xs, ys)) };
        series.AddRange(MarkFaults(plot, faults));
        double from = Math.Max(0, low - pad);
        plot.Axes.SetLimitsY(from, high + pad);
        plot.ShowLegend(Alignment.LowerRight);
        return Save(plot, plotsDirectory, $"liveness_{Slug(point.Scenario)}_p{Slug(point.Point)}.svg", series) with { YAxisFrom = from };
    }

    /// <summary>
    /// A column's mean across runs at each t_s; with shareOf, the column's sum over the runs
    /// divided by the sum of those columns (the share of the pooled total) instead.
    /// </summary>
    private static (double[] X, double[] Y) MeanByTime(RunPoint point, string column, IReadOnlyList<string>? shareOf)
    {
        var sums = new SortedDictionary<double, (double Sum, double Divisor)>();
        foreach (var row in point.Timeseries)
        {
            double t = ResultColumns.Number(row, "t_s"), v = ResultColumns.Number(row, column);
            if (double.IsNaN(t) || double.IsNaN(v)) continue;
            double divisor = shareOf is null ? 1 : shareOf.Sum(c => ResultColumns.Number(row, c) is var x && !double.IsNaN(x) ? x : 0);
            var (sum, count) = sums.GetValueOrDefault(t);
            sums[t] = (sum + v, count + divisor);
        }
        var kept = sums.Where(kv => kv.Value.Divisor > 0).ToList();
        return (kept.Select(kv => kv.Key).ToArray(), kept.Select(kv => kv.Value.Sum / kv.Value.Divisor).ToArray());
    }

    private static PlotSeries AddLine(Plot plot, string label, (double[] X, double[] Y) line)
    {
        var scatter = plot.Add.Scatter(line.X, line.Y);
        scatter.LegendText = label;
        scatter.MarkerSize = 0;
        scatter.LineWidth = 2;
        return new PlotSeries(label, line.X, line.Y);
    }

    /// <summary>
    /// Thin vertical lines where faults start (red) and lasting faults end (green); returned as
    /// two series of times. Solid, since the SVG writer draws every dash as its own polygon.
    /// </summary>
    private static IEnumerable<PlotSeries> MarkFaults(Plot plot, IReadOnlyList<FaultWindow> faults)
    {
        var starts = faults.Select(f => f.StartS).Distinct().Order().ToArray();
        var ends = faults.Where(f => f.EndS is not null).Select(f => f.EndS!.Value).Distinct().Order().ToArray();
        foreach (var (times, color, legend) in new[] { (starts, Colors.Red, "fault starts"), (ends, Colors.Green, "fault ends") })
        {
            for (int i = 0; i < times.Length; i++)
            {
                var line = plot.Add.VerticalLine(times[i], 1.5f, color.WithAlpha(0.7));
                if (i == 0) line.LegendText = legend;
            }
            if (times.Length > 0) yield return new PlotSeries(legend, times, new double[times.Length]);
        }
    }

    /// <summary>
    /// A metric against one numeric sweep parameter, one line per combination of the other swept
    /// parameters, each point's 95% interval drawn from its low to its high end. Null unless the
    /// points vary a numeric parameter. The y-axis starts no lower than the lowest value drawn, and
    /// at 0 rather than below it when nothing drawn is negative: a rate or a time never is.
    /// </summary>
    public static PlotResult? SweepLines(string plotsDirectory, string scenario, IReadOnlyList<RunPoint> points, string metric, string metricLabel)
    {
        var varying = VaryingParameters(points);
        string? xColumn = varying.FirstOrDefault(c => points.All(p => ParameterValue.TryParseNumber(p.Parameter(c) ?? "", out _)));
        if (xColumn is null || points.All(p => p.Statistics(metric).N == 0)) return null;
        var others = varying.Where(c => c != xColumn).ToList();
        string xUnit = ParameterValue.IsDuration(xColumn, points.Select(p => p.Parameter(xColumn) ?? "")) ? " (s)" : "";
        var plot = NewPlot($"{scenario}: how does {metricLabel} change with {RunPoint.ShortName(xColumn)}?",
            RunPoint.ShortName(xColumn) + xUnit, metricLabel);
        var series = new List<PlotSeries>();
        var groups = points.GroupBy(p => string.Join(", ", others.Select(c => $"{RunPoint.ShortName(c)}={p.Parameter(c)}"))).Take(MaxLines);
        foreach (var group in groups)
        {
            var line = group
                .Select(p => (X: Number(p.Parameter(xColumn)), Stats: p.Statistics(metric)))
                .Where(x => x.Stats.N > 0)
                .OrderBy(x => x.X)
                .ToList();
            if (line.Count == 0) continue;
            var xs = line.Select(x => x.X).ToArray();
            var ys = line.Select(x => x.Stats.Mean).ToArray();
            string label = group.Key.Length == 0 ? metric : group.Key;
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = label;
            scatter.LineWidth = 2;
            var (low, high) = AddVerticalErrors(plot, xs, ys, line.Select(x => x.Stats.Ci95Low).ToArray(), line.Select(x => x.Stats.Ci95High).ToArray(), scatter.Color);
            series.Add(new PlotSeries(label, xs, ys, low, high));
        }
        if (series.Count == 0) return null;
        plot.ShowLegend(Alignment.UpperRight);
        double lowest = series.SelectMany(s => s.Y.Concat(s.YLow!)).Where(v => !double.IsNaN(v)).Min();
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        double from = lowest >= 0 ? Math.Max(0, limits.Bottom) : limits.Bottom;
        plot.Axes.SetLimitsY(from, limits.Top);
        return Save(plot, plotsDirectory, $"sweep_{Slug(metric)}_{Slug(scenario)}.svg", series) with { YAxisFrom = from };
    }

    /// <summary>
    /// Each point's interval [low, high] as an error bar from low to high, however unevenly it
    /// lies about the mean (an exact Poisson interval at 0 events is [0, x]); a point without one
    /// (NaN) gets none. Returns the ends as the bars hold them (NaN where there is none), so the
    /// plot's series say what was drawn rather than what was meant to be.
    /// </summary>
    private static (double[] Low, double[] High) AddVerticalErrors(Plot plot, double[] xs, double[] ys, double[] low, double[] high, Color color)
    {
        var below = ys.Select((y, i) => double.IsNaN(low[i]) ? 0 : y - low[i]).ToArray();
        var above = ys.Select((y, i) => double.IsNaN(high[i]) ? 0 : high[i] - y).ToArray();
        // The library's shortcut takes one error for both sides; the bar itself has one for each.
        var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, null, null) { YErrorNegative = below, YErrorPositive = above, Color = color };
        plot.Add.Plottable(bars);
        var drawnLow = ys.Select((y, i) => double.IsNaN(low[i]) ? double.NaN : y - bars.YErrorNegative[i]).ToArray();
        var drawnHigh = ys.Select((y, i) => double.IsNaN(high[i]) ? double.NaN : y + bars.YErrorPositive[i]).ToArray();
        return (drawnLow, drawnHigh);
    }

    /// <summary>
    /// A metric's mean over a grid of two swept parameters, the value written in each cell.
    /// Only when exactly two parameters vary, so every cell is one point. One series per row
    /// (value of the second parameter): X = first parameter's values, Y = cell means (NaN for a missing cell).
    /// </summary>
    public static PlotResult? Heatmap(string plotsDirectory, string scenario, IReadOnlyList<RunPoint> points, string metric, string metricLabel)
    {
        var varying = VaryingParameters(points);
        if (varying.Count != 2 || points.All(p => p.Statistics(metric).N == 0)) return null;
        string xColumn = varying[0], yColumn = varying[1];
        var xValues = DistinctSorted(points, xColumn);
        var yValues = DistinctSorted(points, yColumn);
        var cells = new double[yValues.Count, xValues.Count];
        var series = new List<PlotSeries>();
        for (int yi = 0; yi < yValues.Count; yi++)
        {
            var row = new double[xValues.Count];
            for (int xi = 0; xi < xValues.Count; xi++)
            {
                var point = points.FirstOrDefault(p => p.Parameter(xColumn) == xValues[xi] && p.Parameter(yColumn) == yValues[yi]);
                row[xi] = point is null ? double.NaN : point.Statistics(metric).Mean;
                // Row 0 of a ScottPlot heatmap is drawn at the top; the largest y value belongs there.
                cells[yValues.Count - 1 - yi, xi] = row[xi];
            }
            series.Add(new PlotSeries($"{RunPoint.ShortName(yColumn)}={yValues[yi]}", xValues.Select(Number).ToArray(), row));
        }
        var plot = NewPlot($"{scenario}: {metricLabel} over {RunPoint.ShortName(xColumn)} × {RunPoint.ShortName(yColumn)}",
            RunPoint.ShortName(xColumn), RunPoint.ShortName(yColumn));
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Rectangle = new CoordinateRect(-0.5, xValues.Count - 0.5, -0.5, yValues.Count - 0.5);
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = metricLabel;
        for (int yi = 0; yi < yValues.Count; yi++)
            for (int xi = 0; xi < xValues.Count; xi++)
            {
                var text = plot.Add.Text(CellText(series[yi].Y[xi]), xi, yi);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = Colors.White;
                text.LabelBackgroundColor = Colors.Black.WithAlpha(0.4);
            }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xValues.Count).Select(i => (double)i).ToArray(), xValues.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, yValues.Count).Select(i => (double)i).ToArray(), yValues.ToArray());
        return Save(plot, plotsDirectory, $"heatmap_{Slug(metric)}_{Slug(scenario)}.svg", series);
    }

    /// <summary>
    /// How often live nodes are declared dead, one horizontal bar a point. With fp_per_node_hour
    /// in runs.csv the bar is that rate per observer node-hour (counts and exposure pooled over
    /// the seeds, exact Poisson 95% interval), split by cause (fp_healthy, fp_paused,
    /// fp_partitioned) in proportion to each cause's declarations; without it the bars are the
    /// causes' mean declarations per run, and the axis says so.
    /// </summary>
    public static PlotResult? FalseDeaths(string plotsDirectory, IReadOnlyList<RunPoint> points, IReadOnlyList<string> metrics)
    {
        const string rate = "fp_per_node_hour";
        string[] causes = ["fp_healthy", "fp_paused", "fp_partitioned"];
        var present = causes.Where(metrics.Contains).ToList();
        bool perHour = metrics.Contains(rate);
        var drawn = points.Where(p => perHour ? p.Statistics(rate).N > 0 : present.Any(c => p.Statistics(c).N > 0)).ToList();
        if ((present.Count == 0 && !perHour) || drawn.Count == 0) return null;
        var positions = Enumerable.Range(0, drawn.Count).Select(RowPosition(drawn.Count)).ToArray();
        var plot = NewPlot("How often is a live node declared dead, and why?",
            perHour ? "false death declarations per observer node-hour (95% Poisson interval)" : "false death declarations per run (mean over seeds)", "");
        var series = new List<PlotSeries>();
        var stackBase = new double[drawn.Count];
        var totals = drawn.Select(p => perHour ? Mean(p, rate, 0.0) : present.Sum(c => Mean(p, c, 0.0))).ToArray();
        var causeSums = drawn.Select(p => present.Sum(c => Mean(p, c, 0.0))).ToArray();
        foreach (string cause in present)
        {
            var values = drawn.Select((p, i) => perHour
                ? causeSums[i] > 0 ? totals[i] * Mean(p, cause, 0.0) / causeSums[i] : 0
                : Mean(p, cause, 0.0)).ToArray();
            AddStackedBars(plot, positions, stackBase, values, cause["fp_".Length..]);
            series.Add(new PlotSeries(cause, positions, values));
        }
        if (perHour)
        {
            // A point with declarations of no known cause still shows its whole rate.
            var rest = totals.Select((t, i) => Math.Max(0, t - stackBase[i])).ToArray();
            if (rest.Any(r => r > 1e-12)) AddStackedBars(plot, positions, stackBase, rest, present.Count > 0 ? "other" : "all");
            var stats = drawn.Select(p => p.Statistics(rate)).ToArray();
            var low = stats.Select(s => s.Ci95Low).ToArray();
            var high = stats.Select(s => s.Ci95High).ToArray();
            AddHorizontalErrors(plot, positions, low, high);
            series.Add(new PlotSeries(rate, positions, totals, low, high));
        }
        var labels = drawn.Select(RowLabel).ToArray();
        int height = RowTicks(plot, labels);
        plot.Axes.Margins(left: 0);
        // Beside the bars, not over them: with seventy rows the longest bars reach the corners.
        plot.ShowLegend(Edge.Right);
        return Save(plot, plotsDirectory, "false_deaths.svg", series, height) with { Categories = labels };
    }

    /// <summary>
    /// Convergence (t99_s_mean) against bandwidth (bytes_per_node_s_mean) of every point, with
    /// the Pareto front (points no other point beats on both) joined by a line. Series: one per
    /// scenario, then "Pareto front" in increasing bandwidth.
    /// </summary>
    public static PlotResult? TradeOff(string plotsDirectory, IReadOnlyList<RunPoint> points) =>
        TradeOff(plotsDirectory, points, "bytes_per_node_s_mean", "t99_s_mean", "Which settings buy faster convergence for the least bandwidth?",
            "bytes sent per node per second (B/s, mean)", "t99: time until 99% of observers know (s, mean)", "tradeoff.svg");

    private const string DetectAll = "detect_all_s", DetectAllLabel = "time until all observers mark a crash dead (s, mean)";

    /// <summary>
    /// The membership twin of <see cref="TradeOff(string, IReadOnlyList{RunPoint})"/>: time until
    /// every observer marks a crashed node dead (detect_all_s) against bandwidth. Null when fewer
    /// than two points have both numbers.
    /// </summary>
    public static PlotResult? DetectionTradeOff(string plotsDirectory, IReadOnlyList<RunPoint> points) =>
        TradeOff(plotsDirectory, points, "bytes_per_node_s_mean", DetectAll, "Which membership settings detect crashes soonest for the least bandwidth?",
            "bytes sent per node per second (B/s, mean)", DetectAllLabel, "tradeoff_membership_bytes.svg");

    /// <summary>The other side of detection: detect_all_s against false deaths per observer node-hour, Pareto front joined.</summary>
    public static PlotResult? DetectionFalseDeathTradeOff(string plotsDirectory, IReadOnlyList<RunPoint> points) =>
        TradeOff(plotsDirectory, points, "fp_per_node_hour", DetectAll, "What does faster detection cost in false deaths?",
            "false death declarations per observer node-hour (pooled over seeds)", DetectAllLabel, "tradeoff_membership_fp.svg");

    private static PlotResult? TradeOff(string plotsDirectory, IReadOnlyList<RunPoint> points, string xMetric, string yMetric,
        string title, string xLabel, string yLabel, string fileName)
    {
        var candidates = points
            .Select(p => (Point: p, X: Mean(p, xMetric, double.NaN), Y: Mean(p, yMetric, double.NaN)))
            .Where(c => !double.IsNaN(c.X) && !double.IsNaN(c.Y))
            .ToList();
        if (candidates.Count < 2) return null;
        var plot = NewPlot(title, xLabel, yLabel);
        var series = new List<PlotSeries>();
        foreach (var scenario in candidates.GroupBy(c => c.Point.Scenario))
        {
            var xs = scenario.Select(c => c.X).ToArray();
            var ys = scenario.Select(c => c.Y).ToArray();
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8);
            markers.LegendText = scenario.Key;
            series.Add(new PlotSeries(scenario.Key, xs, ys));
        }
        var front = ParetoFront(candidates.Select(c => (c.X, c.Y)).ToList());
        var fx = front.Select(f => f.X).ToArray();
        var fy = front.Select(f => f.Y).ToArray();
        var frontLine = plot.Add.Scatter(fx, fy, Colors.Red);
        frontLine.LegendText = "Pareto front";
        frontLine.LineWidth = 2;
        frontLine.MarkerSize = 12;
        frontLine.MarkerShape = MarkerShape.OpenCircle;
        foreach (var c in candidates.Where(c => front.Contains((c.X, c.Y))))
        {
            // The sweep point alone, or the scenario when nothing was swept: full names would cover each other.
            var label = plot.Add.Text(c.Point.Parameters.Count == 0 ? c.Point.Scenario : c.Point.Label, c.X, c.Y);
            label.LabelFontSize = 11;
            label.OffsetY = -14;
        }
        series.Add(new PlotSeries("Pareto front", fx, fy));
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, plotsDirectory, fileName, series);
    }

    /// <summary>Points not dominated on (x, y), both to be minimised, in increasing x. Ties count once.</summary>
    public static List<(double X, double Y)> ParetoFront(IReadOnlyList<(double X, double Y)> candidates)
    {
        var front = new List<(double X, double Y)>();
        foreach (var c in candidates.Distinct().OrderBy(c => c.X).ThenBy(c => c.Y))
            if (front.Count == 0 || c.Y < front[^1].Y) front.Add(c);
        return front;
    }

    /// <summary>Per-run convergence against ln n with the fitted line and, when known, the theory's slope through the same mean.</summary>
    public static PlotResult? Scaling(string plotsDirectory, ScalingFitResult fit)
    {
        var plot = NewPlot($"{fit.Scenario}: does convergence grow like ln n, at the rate theory says?",
            "ln n (n = nodes)", fit.Unit == "rounds" ? "t100 in gossip rounds (t100 / interval)" : "t100 (s)");
        var runs = plot.Add.Markers(fit.LnNodes, fit.Convergence, MarkerShape.OpenCircle, 8);
        runs.LegendText = "runs";
        double lo = fit.LnNodes.Min(), hi = fit.LnNodes.Max();
        double[] ends = [lo, hi];
        double[] fitted = [fit.Intercept + fit.Slope * lo, fit.Intercept + fit.Slope * hi];
        var line = plot.Add.Scatter(ends, fitted);
        line.LegendText = $"fit: slope {CellFormat.Real(Math.Round(fit.Slope, 3))} [{CellFormat.Real(Math.Round(fit.SlopeCi95Low, 3))}, {CellFormat.Real(Math.Round(fit.SlopeCi95High, 3))}]";
        line.MarkerSize = 0;
        line.LineWidth = 2;
        var series = new List<PlotSeries> { new("runs", fit.LnNodes, fit.Convergence), new("fit", ends, fitted) };
        if (fit.TheorySlope is double theory)
        {
            double meanX = fit.LnNodes.Average(), meanY = fit.Convergence.Average();
            double[] theoryY = [meanY + theory * (lo - meanX), meanY + theory * (hi - meanX)];
            var t = plot.Add.Scatter(ends, theoryY);
            t.LegendText = $"theory slope {CellFormat.Real(Math.Round(theory, 3))}";
            t.LineWidth = 1;
            t.MarkerSize = 0;
            series.Add(new PlotSeries("theory", ends, theoryY));
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, plotsDirectory, $"scaling_{Slug(fit.Scenario)}.svg", series);
    }

    /// <summary>
    /// The relative difference of each compared metric, (B - A) / |A| with its 95% CI drawn from
    /// its low to its high end, one horizontal bar a row, red when significant, labelled with its
    /// point and metric. The picture grows 18 px a row beyond 24 rows, so 70 or more metrics stay readable.
    /// </summary>
    public static PlotResult? ComparisonChart(string plotsDirectory, IReadOnlyList<ResultRow> comparisonRows)
    {
        var rows = comparisonRows.Where(r => !double.IsNaN(ResultColumns.Number(r, "relative_diff"))).ToList();
        if (rows.Count == 0) return null;
        var values = rows.Select(r => ResultColumns.Number(r, "relative_diff")).ToArray();
        var low = rows.Select(r => ResultColumns.Number(r, "diff_ci95_low") / Math.Abs(ResultColumns.Number(r, "mean_a"))).ToArray();
        var high = rows.Select(r => ResultColumns.Number(r, "diff_ci95_high") / Math.Abs(ResultColumns.Number(r, "mean_a"))).ToArray();
        // The first row at the top.
        var positions = Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i)).ToArray();
        var plot = NewPlot("What changed between the two result sets (B relative to A)?", "relative difference of means (B - A) / |A|, 95% CI", "");
        var bars = rows.Select((r, i) => new Bar
        {
            Position = positions[i],
            Value = values[i],
            FillColor = r.Get("significant") == "yes" ? Colors.Red : Colors.Gray,
            Orientation = Orientation.Horizontal,
        }).ToList();
        plot.Add.Bars(bars);
        AddHorizontalErrors(plot, positions, low, high);
        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Axes.Left.SetTicks(positions, rows.Select(r => $"{Comparison.PointName(r)} {r.Get("metric")} ({r.Get("test")})").ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        int height = Math.Max(HeightPx, 120 + 18 * rows.Count);
        Directory.CreateDirectory(plotsDirectory);
        byte[] png = plot.GetImageBytes(WidthPx * 3 / 2, height, ImageFormat.Png);
        AtomicFile.Write(Path.Combine(plotsDirectory, Comparison.ChartFile), stream => stream.Write(png));
        var result = new PlotResult(Comparison.ChartFile, plot.Axes.Title.Label.Text, [new PlotSeries("difference", positions, values, low, high)]);
        plot.Dispose();
        return result;
    }

    /// <summary>Lower-case letters, digits, '-' and '_' only, so a scenario name is a safe file name.</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray();
        return chars.Length == 0 ? "none" : new string(chars);
    }

    /// <summary>Parameters that take more than one value among the points, in column order.</summary>
    public static List<string> VaryingParameters(IReadOnlyList<RunPoint> points) =>
        points.SelectMany(p => p.Parameters.Select(kv => kv.Key)).Distinct()
            .Where(c => points.Select(p => p.Parameter(c) ?? "").Distinct().Count() > 1)
            .ToList();

    private static List<ResultRow> EventsOfKind(RunPoint point, string kind) =>
        point.Events.Where(e => (e.Get("kind") ?? "") == kind).ToList();

    /// <summary>", 3 censored left out" for a legend, or nothing when no event of the kind was censored.</summary>
    private static string CensoredNote(RunPoint point, string kind) =>
        EventsOfKind(point, kind).Count(ResultColumns.IsCensored) is var censored and > 0 ? $", {censored} censored left out" : "";

    private static List<string> DistinctSorted(IReadOnlyList<RunPoint> points, string column) =>
        points.Select(p => p.Parameter(column) ?? "").Distinct().OrderBy(Number).ThenBy(v => v, StringComparer.Ordinal).ToList();

    private static double Number(string? text) => ParameterValue.TryParseNumber(text ?? "", out double v) ? v : double.NaN;

    private static double Mean(RunPoint point, string metric, double missing)
    {
        var stats = point.Statistics(metric);
        return stats.N == 0 ? missing : stats.Mean;
    }

    private static string TypeName(string column) => column["bytes_".Length..^"_per_node_s".Length];

    private static string CellText(double value) => double.IsNaN(value) ? "" : CellFormat.Real(Math.Round(value, value >= 100 ? 0 : 3));

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        // Minor ticks add little to the grid of major ticks and labels, and were a fifth of a figure's size.
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left }) axis.MinorTickStyle.Length = 0;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>
    /// One horizontal bar a row, the first at the top, labelled with the full scenario name and
    /// point so no two rows read alike; returns the picture's height, which grows with the rows.
    /// </summary>
    private static int RowTicks(Plot plot, string[] labels)
    {
        plot.Axes.Left.SetTicks(Enumerable.Range(0, labels.Length).Select(RowPosition(labels.Length)).ToArray(), labels);
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        return Math.Max(HeightPx, 140 + 20 * labels.Length);
    }

    private static Func<int, double> RowPosition(int rows) => i => rows - 1 - i;

    private static string RowLabel(RunPoint point) => point.Parameters.Count == 0 ? point.Scenario : $"{point.Scenario} ({point.Label})";

    /// <summary>
    /// Writes the figure to plots/ as compact SVG (<see cref="CompactSvg"/>), which report.md
    /// links and report.html embeds: vectors of a plot are a fraction of its pixels' size, and
    /// drawing them costs a fraction of rendering and compressing pixels.
    /// </summary>
    private static PlotResult Save(Plot plot, string plotsDirectory, string fileName, List<PlotSeries> series, int heightPx = HeightPx)
    {
        Directory.CreateDirectory(plotsDirectory);
        AtomicFile.WriteText(Path.Combine(plotsDirectory, fileName), CompactSvg.Of(plot.GetSvgXml(WidthPx, heightPx)), new System.Text.UTF8Encoding(false));
        var result = new PlotResult(fileName, plot.Axes.Title.Label.Text, series) { HeightPx = heightPx };
        plot.Dispose();
        return result;
    }
}
