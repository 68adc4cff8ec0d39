using System.Globalization;
using System.Net;
using System.Text;
using GossipSim.Analysis;
using GossipSim.Scenarios;
using ScottPlot;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// What a search leaves in its output directory besides the ordinary result files: front.csv
/// (every evaluated point), recommended.yaml (the chosen scenario, ready for run or check, with
/// the real system's settings), the plots, and report.html that ties them together.
/// </summary>
public sealed class TuneOutputs(string directory, TuneSpace space, TuneGoal goal, TuneResult result, IReadOnlyList<string> commandLine)
{
    public const string FrontFile = "front.csv";
    public const string RecommendedFile = "recommended.yaml";
    public const string ReportFile = "report.html";
    public const string FrontPlot = "tune_front.png";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>front.csv rows: one per evaluated point, in evaluation order.</summary>
    public List<ResultRow> FrontRows()
    {
        var rows = new List<ResultRow>();
        foreach (var p in result.Points)
        {
            var row = new ResultRow().Add("point", p.Id);
            foreach (var v in space.Values(p.Levels)) row.Add(ResultColumns.ParameterPrefix + v.Key, v.Value);
            row.Add("seeds", p.Seeds).Add("failed_runs", p.FailedRuns);
            foreach (string m in goal.Metrics)
            {
                var e = p.Estimates[m];
                row.Add(m + "_mean", e.Mean).Add(m + "_low", e.Low).Add(m + "_high", e.High);
            }
            row.Add("status", p.State.ToString().ToLowerInvariant())
                .Add("feasible", p.State == FeasibilityState.Feasible ? "true" : "false")
                .Add("on_front", p.OnFront ? "true" : "false")
                .Add("recommended", p.Recommended ? "true" : "false");
            rows.Add(row);
        }
        return rows;
    }

    /// <param name="recommendedSpec">The recommended point's scenario; null when no point was feasible.</param>
    public void WriteAll(ScenarioSpec? recommendedSpec)
    {
        CsvTable.WriteAtomically(Path.Combine(directory, FrontFile), FrontRows());
        string recommendedPath = Path.Combine(directory, RecommendedFile);
        if (recommendedSpec is not null) AtomicFile.WriteText(recommendedPath, RecommendedYaml(recommendedSpec), new UTF8Encoding(false));
        else if (File.Exists(recommendedPath)) File.Delete(recommendedPath);
        var plots = new List<string>();
        if (FrontPlotFile() is { } front) plots.Add(front);
        for (int d = 0; d < space.Parameters.Count; d++) plots.Add(ObjectivePlot(d));
        AtomicFile.WriteText(Path.Combine(directory, ReportFile), Report(recommendedSpec, plots), new UTF8Encoding(false));
    }

    /// <summary>The command line as a shell would take it back: arguments with spaces quoted.</summary>
    private string Command => "gossipsim " + string.Join(' ', commandLine.Select(a => a.Contains(' ') || a.Contains('<') || a.Contains('>') ? $"\"{a}\"" : a));

    public string Describe(TunePoint p) => string.Join(", ", space.Values(p.Levels).Select(v => $"{v.Key}={v.Value}"));

    private string Estimate(TunePoint p, string metric) => $"{metric} {Interval(p.Estimates[metric])}";

    /// <summary>"mean [low, high]": the interval's two ends, since a rate's Poisson interval is not symmetric about it.</summary>
    private static string Interval(MetricEstimate e) =>
        $"{e.Mean.ToString("G4", Invariant)} [{e.Low.ToString("G4", Invariant)}, {e.High.ToString("G4", Invariant)}]";

    private string Confidence => (goal.Confidence * 100).ToString("0.##", Invariant) + "%";

    private string Question =>
        string.Join(", ", goal.Objectives.Select(o => o.Text))
        + (goal.Constraints.Count == 0 ? "" : " subject to " + string.Join(" and ", goal.Constraints.Select(c => c.Text)))
        + $" at {Confidence} confidence";

    private string RecommendedYaml(ScenarioSpec spec)
    {
        var p = result.Recommended!;
        var sb = new StringBuilder();
        sb.Append("# gossipsim tune: the recommended settings for scenario '").Append(spec.Name).Append("'\n");
        sb.Append("# command: ").Append(Command).Append('\n');
        sb.Append("# question: ").Append(Question).Append('\n');
        sb.Append("# chosen: ").Append(Describe(p)).Append($" (point {p.Id}, {p.Seeds} seeds)\n");
        foreach (string m in goal.Metrics) sb.Append("#   ").Append(Estimate(p, m)).Append($" (mean, {Confidence} interval)\n");
        var system = SystemSettings.For(spec);
        if (system.Count > 0)
        {
            sb.Append("#\n# The same settings in the real system:\n");
            foreach (string line in system) sb.Append("#   ").Append(line).Append('\n');
        }
        sb.Append("scenarios:\n");
        var lines = spec.CanonicalYaml().TrimEnd('\n').Split('\n');
        for (int i = 0; i < lines.Length; i++) sb.Append(i == 0 ? "  - " : "    ").Append(lines[i]).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Every evaluated point by its means: the first two objectives against each other, or with
    /// one objective, against the first constraint's metric (its bound drawn as a line).
    /// </summary>
    private string? FrontPlotFile()
    {
        string x = goal.Objectives[0].Metric;
        string? y = goal.Objectives.Count > 1 ? goal.Objectives[1].Metric : goal.Constraints.FirstOrDefault()?.Metric;
        if (y is null || y == x) return null;
        var plot = new Plot();
        plot.Title(goal.Objectives.Count > 1 ? "Which settings are on the front?" : $"Which feasible point has the best {x}?");
        plot.XLabel(x + " (mean)");
        plot.YLabel(y + " (mean)");
        void Group(IEnumerable<TunePoint> points, Color color, MarkerShape shape, float size, string label)
        {
            var list = points.Where(p => !double.IsNaN(p.Estimates[x].Mean) && !double.IsNaN(p.Estimates[y].Mean)).ToList();
            if (list.Count == 0) return;
            var markers = plot.Add.Markers(list.Select(p => p.Estimates[x].Mean).ToArray(), list.Select(p => p.Estimates[y].Mean).ToArray(), shape, size, color);
            markers.LegendText = label;
        }
        Group(result.Points.Where(p => p.State != FeasibilityState.Feasible), Colors.Gray, MarkerShape.OpenCircle, 8, "not shown feasible");
        Group(result.Points.Where(p => p.State == FeasibilityState.Feasible && !p.OnFront), Colors.SteelBlue, MarkerShape.FilledCircle, 8, "feasible");
        Group(result.Front, Colors.Red, MarkerShape.FilledSquare, 10, goal.Objectives.Count > 1 ? "Pareto front" : "best");
        if (result.Recommended is { } r) Group([r], Colors.Black, MarkerShape.OpenDiamond, 18, "recommended");
        if (goal.Objectives.Count == 1 && goal.Constraints.First(c => c.Metric == y) is { } bound)
        {
            var line = plot.Add.HorizontalLine(bound.Bound, 1, Colors.DarkOrange);
            line.LegendText = "bound: " + bound.Text;
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(Path.Combine(directory, FrontPlot), ResultPlots.WidthPx, ResultPlots.HeightPx);
        plot.Dispose();
        return FrontPlot;
    }

    /// <summary>The first objective against one parameter's levels: every evaluated point, with its interval.</summary>
    private string ObjectivePlot(int d)
    {
        var parameter = space.Parameters[d];
        string metric = goal.Objectives[0].Metric;
        var plot = new Plot();
        plot.Title($"How does {metric} depend on {parameter.Path}?");
        plot.XLabel(parameter.Path + (parameter.LogScale ? " (levels on a log scale)" : ""));
        plot.YLabel(metric + $" (mean, {Confidence} interval)");
        foreach (var (points, color, label) in new[]
        {
            (result.Points.Where(p => p.State != FeasibilityState.Feasible), Colors.Gray, "not shown feasible"),
            (result.Points.Where(p => p.State == FeasibilityState.Feasible), Colors.SteelBlue, "feasible"),
        })
        {
            var list = points.Where(p => !double.IsNaN(p.Estimates[metric].Mean)).ToList();
            if (list.Count == 0) continue;
            var xs = list.Select(p => (double)p.Levels[d]).ToArray();
            var ys = list.Select(p => p.Estimates[metric].Mean).ToArray();
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, color);
            markers.LegendText = label;
            // Each side on its own: a rate's Poisson interval is not symmetric about the rate.
            double Side(double distance) => double.IsFinite(distance) ? distance : 0;
            var bars = plot.Add.ErrorBar(xs, ys, list.Select(p => Side(p.Estimates[metric].High - p.Estimates[metric].Mean)).ToArray());
            bars.YErrorNegative = list.Select(p => Side(p.Estimates[metric].Mean - p.Estimates[metric].Low)).ToArray();
            bars.Color = color;
        }
        if (result.Recommended is { } r)
        {
            var star = plot.Add.Markers(new[] { (double)r.Levels[d] }, new[] { r.Estimates[metric].Mean }, MarkerShape.OpenDiamond, 18, Colors.Black);
            star.LegendText = "recommended";
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, parameter.Levels.Count).Select(i => (double)i).ToArray(), parameter.Levels.ToArray());
        plot.ShowLegend(Alignment.UpperRight);
        string file = $"tune_{metric}_by_{string.Concat(parameter.Path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'))}.png";
        plot.SavePng(Path.Combine(directory, file), ResultPlots.WidthPx, ResultPlots.HeightPx);
        plot.Dispose();
        return file;
    }

    private string Report(ScenarioSpec? spec, IReadOnlyList<string> plots)
    {
        static string H(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>gossipsim tune</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}img{max-width:100%}</style></head><body>\n");
        sb.Append("<h1>gossipsim tune</h1>\n<p><code>").Append(H(Command)).Append("</code></p>\n");
        sb.Append("<p>Question: ").Append(H(Question)).Append(". A point is feasible when every bound holds at the far end of its ")
            .Append(H(Confidence)).Append(" confidence interval across the point's seeds.</p>\n");
        sb.Append($"<p>{result.Runs} runs over {result.Points.Count} of the {space.Size} points of the grid in {result.Rounds} round(s); stopped: {H(result.StopReason)}.</p>\n");
        if (result.Recommended is { } r && spec is not null)
        {
            sb.Append("<h2>Recommendation</h2>\n<p><b>").Append(H(Describe(r))).Append($"</b> (point {r.Id}, {r.Seeds} seeds)</p>\n<ul>\n");
            foreach (string m in goal.Metrics) sb.Append("<li>").Append(H(Estimate(r, m))).Append("</li>\n");
            sb.Append("</ul>\n<p>The scenario with these settings: <a href=\"recommended.yaml\">recommended.yaml</a>.</p>\n");
            var system = SystemSettings.For(spec);
            if (system.Count > 0) sb.Append("<pre>").Append(H(string.Join('\n', system))).Append("</pre>\n");
        }
        else
        {
            sb.Append("<h2>No recommendation</h2>\n<p>No evaluated point was shown to meet every bound.</p>\n");
        }
        sb.Append("<h2>Evaluated points</h2>\n<p>All of them, with their intervals: <a href=\"front.csv\">front.csv</a>; every run: runs.csv.</p>\n<table>\n<tr><th>point</th>");
        foreach (var p in space.Parameters) sb.Append("<th>").Append(H(p.Path)).Append("</th>");
        sb.Append("<th>seeds</th>");
        foreach (string m in goal.Metrics) sb.Append("<th>").Append(H(m)).Append("</th>");
        sb.Append("<th>status</th><th>front</th></tr>\n");
        foreach (var p in result.Points.OrderBy(p => p.State).ThenBy(p => goal.Objectives[0].Cost(p.Estimates[goal.Objectives[0].Metric].Mean)))
        {
            sb.Append(p.Recommended ? "<tr style=\"font-weight:bold\">" : "<tr>").Append($"<td>{p.Id}</td>");
            foreach (var v in space.Values(p.Levels)) sb.Append("<td>").Append(H(v.Value)).Append("</td>");
            sb.Append($"<td>{p.Seeds}</td>");
            foreach (string m in goal.Metrics)
            {
                sb.Append("<td>").Append(H(Interval(p.Estimates[m]))).Append("</td>");
            }
            sb.Append("<td>").Append(p.State.ToString().ToLowerInvariant()).Append("</td><td>").Append(p.OnFront ? "yes" : "").Append("</td></tr>\n");
        }
        sb.Append("</table>\n<h2>Plots</h2>\n");
        foreach (string plot in plots) sb.Append("<p><img src=\"").Append(H(plot)).Append("\" alt=\"").Append(H(plot)).Append("\"></p>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }
}
