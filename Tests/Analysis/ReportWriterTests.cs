using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using GossipSim.Analysis;

namespace GossipSim.Tests.Analysis;

/// <summary>One report of the sweep fixture (and one of the node-count sweep), written once and checked from several sides.</summary>
public class ReportWriterTests
{
    private string _directory = null!;
    private string _scalingDirectory = null!;
    private ReportOutcome _outcome = null!;
    private ReportOutcome _scaling = null!;

    [OneTimeSetUp]
    public void WriteReports()
    {
        _directory = AnalysisFixture.CopyToTemp("sweep");
        _outcome = ReportWriter.WriteAll(_directory, null);
        _scalingDirectory = AnalysisFixture.CopyToTemp("scaling");
        _scaling = ReportWriter.WriteAll(_scalingDirectory, null);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        AnalysisFixture.Delete(_directory);
        AnalysisFixture.Delete(_scalingDirectory);
    }

    private PlotResult Plot(string fileName) => _outcome.Plots.Single(p => p.FileName == fileName);

    [Test]
    public void WriteAll_SweepFixture_DrawsEveryPlotKindItHasColumnsFor()
    {
        var names = _outcome.Plots.Select(p => p.FileName).ToList();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "dissemination_fanout-interval_update.svg", "convergence_cdf_fanout-interval_update.svg",
            "sweep_t99_s_mean_fanout-interval.svg", "sweep_bytes_per_node_s_mean_fanout-interval.svg",
            "heatmap_t99_s_mean_fanout-interval.svg", "heatmap_bytes_per_node_s_mean_fanout-interval.svg",
            "requests_fanout-interval_p0.svg",
            "bandwidth.svg", "false_deaths.svg", "tradeoff.svg",
        }));
        Assert.That(_scaling.Plots.Select(p => p.FileName), Does.Contain("scaling_nodes.svg"));
    }

    [Test]
    public void WriteAll_ScenarioWithoutFaults_SkipsTheFlatTimePlots()
    {
        // The fixture's settings name no faults: traffic and view accuracy over time would be flat lines no one reads.
        Assert.That(_outcome.Plots.Select(p => p.FileName), Has.None.StartWith("bandwidth_over_time_").And.None.StartWith("liveness_"));
    }

    [Test]
    public void WriteAll_EveryPlot_IsAnSvgOfTheStatedSize()
    {
        foreach (var plot in _outcome.Plots.Concat(_scaling.Plots))
        {
            string dir = _outcome.Plots.Contains(plot) ? _directory : _scalingDirectory;
            string path = Path.Combine(dir, ReportWriter.PlotsFolder, plot.FileName);
            var root = XDocument.Load(path).Root!;
            Assert.That(root.Name.LocalName, Is.EqualTo("svg"), plot.FileName);
            Assert.That((int)root.Attribute("width")!, Is.EqualTo(ResultPlots.WidthPx), plot.FileName);
            // Bar charts grow a row at a time; every other plot has the standard size.
            Assert.That((int)root.Attribute("height")!, Is.EqualTo(plot.HeightPx), plot.FileName);
            Assert.That(plot.HeightPx, plot.Categories.Count > 0 ? Is.AtLeast(ResultPlots.HeightPx) : Is.EqualTo(ResultPlots.HeightPx), plot.FileName);
            Assert.That(root.Descendants().Count(e => e.Name.LocalName == "text"), Is.GreaterThan(5), $"{plot.FileName}: title, axis labels and ticks");
            Assert.That(plot.Series, Is.Not.Empty, plot.FileName);
        }
    }

    [Test]
    public void WriteAll_MissingColumns_SkipPlotsInsteadOfDrawingThemEmpty()
    {
        // The node sweep has no events, time series, fp_* or per-type bytes.
        var names = _scaling.Plots.Select(p => p.FileName).ToList();
        Assert.That(names.Where(n => n.StartsWith("dissemination") || n.StartsWith("requests") || n == "false_deaths.svg"), Is.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(_scalingDirectory, ReportWriter.PlotsFolder)), Has.Length.EqualTo(names.Count));
    }

    [Test]
    public void SweepPlot_Series_MatchSummaryMeansAndIntervals()
    {
        var summary = CsvTable.Read(Path.Combine(_directory, ReportWriter.SummaryFile)).Where(r => r.Get("metric") == "t99_s_mean").ToList();
        var sweep = Plot("sweep_t99_s_mean_fanout-interval.svg");
        Assert.That(sweep.Series.Select(s => s.Label), Is.EquivalentTo(new[] { "interval=200ms", "interval=500ms" }));
        foreach (var series in sweep.Series)
        {
            string interval = series.Label["interval=".Length..];
            var rows = summary.Where(r => r.Get("param.protocol.interval") == interval).OrderBy(r => AnalysisFixture.Number(r, "param.protocol.fanout")).ToList();
            Assert.That(series.X, Is.EqualTo(rows.Select(r => AnalysisFixture.Number(r, "param.protocol.fanout"))));
            Assert.That(series.Y, Is.EqualTo(rows.Select(r => AnalysisFixture.Number(r, "mean"))).Within(1e-6));
            Assert.That(series.YLow!, Is.EqualTo(rows.Select(r => AnalysisFixture.Number(r, "ci95_low"))).Within(1e-6));
            Assert.That(series.YHigh!, Is.EqualTo(rows.Select(r => AnalysisFixture.Number(r, "ci95_high"))).Within(1e-6));
        }
    }

    [Test]
    public void Heatmap_Cells_AreThePointMeans()
    {
        var runs = AnalysisFixture.Runs("sweep").Where(r => r.Get("status") == "ok").ToList();
        var heatmap = Plot("heatmap_bytes_per_node_s_mean_fanout-interval.svg");
        var row = heatmap.Series.Single(s => s.Label == "interval=500ms");
        double expected = runs.Where(r => r.Get("param.protocol.fanout") == "2" && r.Get("param.protocol.interval") == "500ms")
            .Average(r => AnalysisFixture.Number(r, "bytes_per_node_s_mean"));
        Assert.That(row.X, Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(row.Y[1], Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void DisseminationPlot_Median_IsTheMedianOfTheEventsCurves()
    {
        var rows = CsvTable.Read(Path.Combine(AnalysisFixture.Source("sweep"), "curves.csv"));
        var point0 = DisseminationCurve.Of(rows.Where(r => r.Get("point") == "0"), "update");
        var curve = Plot("dissemination_fanout-interval_update.svg").Series[0];
        double endS = DisseminationCurve.Of(rows, "update").Max(c => c.LastTimeS);
        Assert.Multiple(() =>
        {
            Assert.That(point0, Has.Count.EqualTo(8), "4 seeds, 2 updates each");
            Assert.That(curve.X[0], Is.EqualTo(0.0));
            Assert.That(curve.X[^1], Is.EqualTo(endS * 1.02).Within(1e-9), "the axis runs just past the last learn time");
            Assert.That(curve.Y[0], Is.EqualTo(0.0));
            Assert.That(curve.Y[^1], Is.EqualTo(1.0), "all point-0 events converged");
            Assert.That(curve.Y, Is.Ordered, "the fraction that knows never falls");
        });
        for (int i = 0; i < curve.X.Length; i += 10)
        {
            double expected = Quantiles.Of(point0.Select(c => c.FractionAt(curve.X[i])), 0.5);
            Assert.That(curve.Y[i], Is.EqualTo(expected).Within(1e-12));
        }
    }

    [Test]
    public void DisseminationPlot_DrawsTheMeanFieldPushCurveBesideTheData()
    {
        // The fixture's settings say push, anti-entropy, fanout 1, interval 0.2 s; point 0 has 1000 nodes.
        var theory = Plot("dissemination_fanout-interval_update.svg").Series[1];
        double s = 1 - 1 / 1000.0;
        for (int r = 0; r < 5; r++) s *= Math.Exp(-(1 - s));
        Assert.Multiple(() =>
        {
            Assert.That(theory.Label, Does.Contain("theory"));
            Assert.That(theory.X[5], Is.EqualTo(1.0).Within(1e-9), "round 5 at 5 x 0.2 s");
            Assert.That(theory.Y[5], Is.EqualTo(1 - s).Within(1e-12));
        });
    }

    [Test]
    public void ConvergenceCdf_CountsUnconvergedEventsInTheDenominator()
    {
        var cdf = Plot("convergence_cdf_fanout-interval_update.svg");
        var point3 = cdf.Series.Single(s => s.Label.StartsWith("fanout=2, interval=500ms"));
        var t100 = AnalysisFixture.Events("sweep").Where(e => e.Get("point") == "3")
            .Select(e => AnalysisFixture.Number(e, "t100_s")).Where(t => !double.IsNaN(t)).Order().ToArray();
        Assert.That(point3.X, Is.EqualTo(t100));
        Assert.That(point3.Y[^1], Is.EqualTo(7.0 / 8).Within(1e-12));
    }

    [Test]
    public void TradeOffAndFalseDeathsAndRequests_Series_MatchTheCsv()
    {
        var runs = AnalysisFixture.Runs("sweep").Where(r => r.Get("status") == "ok").ToList();
        var tradeoff = Plot("tradeoff.svg");
        var all = tradeoff.Series.Single(s => s.Label == "fanout-interval");
        double t99Point0 = runs.Where(r => r.Get("point") == "0").Average(r => AnalysisFixture.Number(r, "t99_s_mean"));
        Assert.That(all.Y[0], Is.EqualTo(t99Point0).Within(1e-9));
        var front = tradeoff.Series.Single(s => s.Label == "Pareto front");
        Assert.That(front.X, Is.Ordered);
        Assert.That(front.Y, Is.Ordered.Descending);

        var paused = Plot("false_deaths.svg").Series.Single(s => s.Label == "fp_paused");
        Assert.That(paused.Y, Is.EqualTo(new[] { 0.0, 0.02, 0.04, 0.06 }).Within(1e-9));

        var requests = Plot("requests_fanout-interval_p0.svg");
        Assert.That(requests.Series.Select(s => s.Label), Is.EqualTo(new[] { "request_sent_to_dead" }), "ok is the rest, not a line pressing the others to zero");
        var sentToDead = requests.Series.Single();
        var timeseries = CsvTable.Read(Path.Combine(AnalysisFixture.Source("sweep"), "timeseries.csv")).Where(r => r.Get("point") == "0").ToList();
        var expected = sentToDead.X.Select(t =>
        {
            var rows = timeseries.Where(r => AnalysisFixture.Number(r, "t_s") == t).ToList();
            return rows.Sum(r => AnalysisFixture.Number(r, "request_sent_to_dead"))
                / rows.Sum(r => AnalysisFixture.Number(r, "request_sent_to_dead") + AnalysisFixture.Number(r, "request_ok"));
        });
        Assert.That(sentToDead.X, Is.EqualTo(new[] { 1.0, 2, 3, 4, 5 }));
        Assert.That(sentToDead.Y, Is.EqualTo(expected).Within(1e-12), "the pooled share of the interval's requests");
        Assert.That(sentToDead.Y, Is.All.InRange(0.0, 1.0));
    }

    [Test]
    public void Bandwidth_StacksMessageTypesUnderTheTotal()
    {
        var bandwidth = Plot("bandwidth.svg");
        var push = bandwidth.Series.Single(s => s.Label == "bytes_push_per_node_s");
        var pull = bandwidth.Series.Single(s => s.Label == "bytes_pull_per_node_s");
        var total = bandwidth.Series.Single(s => s.Label == "bytes_per_node_s_mean");
        for (int i = 0; i < total.Y.Length; i++)
            Assert.That(push.Y[i] + pull.Y[i], Is.EqualTo(total.Y[i]).Within(1e-6));
    }

    [Test]
    public void ReportHtml_IsWellFormedAndEmbedsEveryPlot()
    {
        string html = File.ReadAllText(Path.Combine(_directory, ReportWriter.HtmlFile));
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        var document = XDocument.Load(reader);
        var images = document.Descendants().Where(e => e.Name.LocalName == "img").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(images, Has.Count.EqualTo(_outcome.Plots.Count));
            Assert.That(images.All(i => ((string?)i.Attribute("src") ?? "").StartsWith("data:image/svg+xml,%3C")), Is.True, "vectors, not pixels");
            Assert.That(Regex.Matches(html, "data:image/svg\\+xml,").Count, Is.EqualTo(_outcome.Plots.Count));
            Assert.That(html, Does.Not.Contain("src=\"plots/"), "self-contained: no links to files");
        });
    }

    [Test]
    public void ReportMarkdown_HasHeadlineTheoryAndEveryPlot()
    {
        string md = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFile));
        Assert.Multiple(() =>
        {
            Assert.That(md, Does.Contain("## Scenario `fanout-interval`"));
            Assert.That(md, Does.Contain("| fanout=1, interval=200ms | 4 (+1 failed) |"));
            Assert.That(md, Does.Contain("Theory beside simulation"));
            Assert.That(md, Does.Contain("Frieze & Grimmett 1985; Pittel 1987"));
            Assert.That(md, Does.Contain("tool_version | 0.1.0-test"));
            foreach (var plot in _outcome.Plots) Assert.That(md, Does.Contain($"(plots/{plot.FileName})"));
        });
    }

    [Test]
    public void ScalingFit_PushNodeSweep_RecoversTheSlopeAndAgreesWithTheory()
    {
        var fit = _scaling.ScalingFits.Single();
        Assert.Multiple(() =>
        {
            Assert.That(fit.Unit, Is.EqualTo("rounds"));
            Assert.That(fit.Runs, Is.EqualTo(12));
            Assert.That(fit.Slope, Is.EqualTo(2.44).Within(1e-4), "noise is the same at every n, so the slope is exact up to 6-decimal rounding");
            Assert.That(fit.SlopeCi95Low, Is.LessThan(2.44));
            Assert.That(fit.SlopeCi95High, Is.GreaterThan(2.44));
            Assert.That(fit.TheorySlope, Is.EqualTo(1 / Math.Log(2) + 1).Within(1e-12));
            Assert.That(fit.TheoryInsideCi, Is.True);
        });
        Assert.That(File.ReadAllText(Path.Combine(_scalingDirectory, ReportWriter.MarkdownFile)), Does.Contain("Scaling with cluster size"));
    }

    [Test]
    public void WriteAll_SameCsvsTwice_GivesTheSameSummaryAndMarkdownBytes()
    {
        var summary = File.ReadAllBytes(Path.Combine(_scalingDirectory, ReportWriter.SummaryFile));
        var markdown = File.ReadAllBytes(Path.Combine(_scalingDirectory, ReportWriter.MarkdownFile));
        ReportWriter.WriteAll(_scalingDirectory, null);
        Assert.That(File.ReadAllBytes(Path.Combine(_scalingDirectory, ReportWriter.SummaryFile)), Is.EqualTo(summary));
        Assert.That(File.ReadAllBytes(Path.Combine(_scalingDirectory, ReportWriter.MarkdownFile)), Is.EqualTo(markdown));
    }

    [Test]
    public void ReportMarkdown_RoutingColumns_InTheHeadline()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "routing");
        Directory.CreateDirectory(directory);
        try
        {
            ResultRow Run(int seed, double sentToDead, double ringT100) => new ResultRow()
                .Add("run_id", $"routing/p0/s{seed}").Add("scenario", "routing").Add("point", "0").Add("seed", seed).Add("status", "ok")
                .Add("request_ok_rate", 1 - sentToDead).Add("request_sent_to_dead_rate", sentToDead).Add("request_needless_hint_rate", 0.0)
                .Add("request_wrong_owner_rate", 0.0).Add("ring_t100_s_mean", ringT100).Add("ring_t100_s_max", ringT100 + 1);
            CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), [Run(1, 0.01, 2), Run(2, 0.03, 4)]);
            ReportWriter.WriteAll(directory, null);
            string md = File.ReadAllText(Path.Combine(directory, ReportWriter.MarkdownFile));
            string header = md.Split('\n').Single(l => l.StartsWith("| point | runs |", StringComparison.Ordinal));
            Assert.That(header, Does.Contain("| requests ok | sent to dead | needless hints | wrong owner | ring t100 (s) | ring t100 max (s) |"));
            string row = md.Split('\n').Single(l => l.StartsWith("| point 0 |", StringComparison.Ordinal) || l.StartsWith("| 0 |", StringComparison.Ordinal));
            var cells = row.Split('|', StringSplitOptions.TrimEntries).Where(c => c.Length > 0).ToArray();
            Assert.That(cells[3], Does.StartWith("0.02 "), "mean sent_to_dead rate of 0.01 and 0.03");
            Assert.That(cells[6], Does.StartWith("3 "), "mean ring t100 of 2 s and 4 s");
        }
        finally
        {
            AnalysisFixture.Delete(directory);
        }
    }

    [Test]
    public void ReportMarkdown_OpensWithTheOverviewThenContents_AndTheOverviewListsEveryPoint()
    {
        string md = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFile));
        var headings = md.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.That(headings.Take(2), Is.EqualTo(new[] { "## Overview", "## Contents" }), "the overview comes before any section");
        Assert.That(md.Split('\n')[0], Is.EqualTo("# GossipSim results"), "a short title, not a list of every scenario");
        string overview = md[md.IndexOf("## Overview", StringComparison.Ordinal)..md.IndexOf("## Contents", StringComparison.Ordinal)];
        var set = ResultSet.Load(_directory);
        foreach (var point in set.Points)
            Assert.That(overview, Does.Contain($"| [{point.Scenario}](#scenario-{point.Scenario}) | {point.Label} | {point.Runs.Count} |"), point.Label);
        Assert.That(overview, Does.Contain("### Dissemination").And.Contain("| t50 (s) | t99 (s) | t100 (s) | reached all | B/node/s |"));
        string contents = md[md.IndexOf("## Contents", StringComparison.Ordinal)..];
        Assert.That(contents, Does.Contain("- [Scenario `fanout-interval`](#scenario-fanout-interval)"));
        Assert.That(md, Does.Contain("<a id=\"scenario-fanout-interval\"></a>"), "the link has a target");
    }

    [Test]
    public void ReportMarkdown_NoTableHasAColumnThatIsEmptyInEveryRow()
    {
        foreach (string dir in new[] { _directory, _scalingDirectory })
        {
            var lines = File.ReadAllLines(Path.Combine(dir, ReportWriter.MarkdownFile));
            for (int i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("| ", StringComparison.Ordinal) || i + 1 >= lines.Length || !lines[i + 1].StartsWith("| ---", StringComparison.Ordinal)) continue;
                var header = Cells(lines[i]);
                var rows = lines.Skip(i + 2).TakeWhile(l => l.StartsWith("| ", StringComparison.Ordinal)).Select(Cells).ToList();
                for (int c = 0; c < header.Length; c++)
                    Assert.That(rows.All(r => r[c] is "" or "–"), Is.False, $"{Path.GetFileName(dir)}: column '{header[c]}' of the table at line {i + 1}");
            }
        }
    }

    private static string[] Cells(string line) => line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray();

    [Test]
    public void ReportHtml_TablesPutTheIntervalUnderTheMean_SoTheyFitThePage()
    {
        string html = File.ReadAllText(Path.Combine(_directory, ReportWriter.HtmlFile));
        Assert.That(html, Does.Match(@"<td>[0-9.]+<br /><small>\[[0-9.]+, [0-9.]+\]</small></td>"));
    }

    [Test]
    public void WriteAll_Twice_GivesTheSamePlotBytes_WhateverOrderTheParallelDrawingTook()
    {
        string dir = AnalysisFixture.CopyToTemp("sweep");
        try
        {
            ReportWriter.WriteAll(dir, null);
            foreach (var plot in _outcome.Plots)
                Assert.That(File.ReadAllBytes(Path.Combine(dir, ReportWriter.PlotsFolder, plot.FileName)),
                    Is.EqualTo(File.ReadAllBytes(Path.Combine(_directory, ReportWriter.PlotsFolder, plot.FileName))), plot.FileName);
            Assert.That(File.ReadAllBytes(Path.Combine(dir, ReportWriter.HtmlFile)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_directory, ReportWriter.HtmlFile))));
        }
        finally
        {
            AnalysisFixture.Delete(dir);
        }
    }

    [Test]
    public void BarCharts_LabelEveryRowWithItsFullScenarioName()
    {
        foreach (string name in new[] { "bandwidth.svg", "false_deaths.svg" })
        {
            var labels = Plot(name).Categories;
            Assert.That(labels, Has.Count.EqualTo(4), name);
            Assert.That(labels, Is.Unique, name);
            Assert.That(labels, Has.All.StartWith("fanout-interval (fanout="), name);
        }
    }

    [Test]
    public void FalseDeaths_WithoutExposure_SaysPerRun()
    {
        // The sweep fixture has fp_* counts but no fp_per_node_hour, so the axis must not claim a rate per node-hour.
        Assert.That(Plot("false_deaths.svg").Series.Select(s => s.Label), Has.None.EqualTo("fp_per_node_hour"));
    }

    [Test]
    public void Membership_FalseDeaths_ArePerObserverNodeHourWithThePooledPoissonInterval()
    {
        var (directory, outcome) = MembershipReport();
        try
        {
            var rate = outcome.Plots.Single(p => p.FileName == "false_deaths.svg").Series.Single(s => s.Label == "fp_per_node_hour");
            var summary = CsvTable.Read(Path.Combine(directory, ReportWriter.SummaryFile)).Where(r => r.Get("metric") == "fp_per_node_hour").ToList();
            Assert.That(rate.Y, Is.EqualTo(summary.Select(r => AnalysisFixture.Number(r, "mean"))).Within(1e-6));
            Assert.That(rate.YLow!, Is.EqualTo(summary.Select(r => AnalysisFixture.Number(r, "ci95_low"))).Within(1e-6));
            Assert.That(rate.YHigh!, Is.EqualTo(summary.Select(r => AnalysisFixture.Number(r, "ci95_high"))).Within(1e-6));
            // Point 0: 2 + 4 declarations over 10 + 10 observer node-hours.
            Assert.That(rate.Y[0], Is.EqualTo(0.3).Within(1e-9));
            var healthy = outcome.Plots.Single(p => p.FileName == "false_deaths.svg").Series.Single(s => s.Label == "fp_healthy");
            var paused = outcome.Plots.Single(p => p.FileName == "false_deaths.svg").Series.Single(s => s.Label == "fp_paused");
            Assert.That(healthy.Y[0] + paused.Y[0], Is.EqualTo(rate.Y[0]).Within(1e-9), "the causes split the rate");
        }
        finally
        {
            AnalysisFixture.Delete(Path.GetDirectoryName(directory)!);
        }
    }

    [Test]
    public void Membership_DrawsDetectionAgainstTheSweptParameter_AndItsTradeOffs()
    {
        var (directory, outcome) = MembershipReport();
        try
        {
            var names = outcome.Plots.Select(p => p.FileName).ToList();
            Assert.That(names, Is.SupersetOf(new[] { "sweep_detect_all_s_detect.svg", "tradeoff_membership_bytes.svg", "tradeoff_membership_fp.svg" }));
            var sweep = outcome.Plots.Single(p => p.FileName == "sweep_detect_all_s_detect.svg").Series.Single();
            Assert.That(sweep.X, Is.EqualTo(new[] { 0.5, 1.0, 2.0 }));
            Assert.That(sweep.Y, Is.EqualTo(new[] { 3.0, 5.0, 9.0 }).Within(1e-9), "mean of detect_all_s over two seeds");
            var front = outcome.Plots.Single(p => p.FileName == "tradeoff_membership_bytes.svg").Series.Single(s => s.Label == "Pareto front");
            Assert.That(front.X, Is.EqualTo(new[] { 100.0, 200.0, 400.0 }), "faster detection costs bytes: every point is on the front");
            string md = File.ReadAllText(Path.Combine(directory, ReportWriter.MarkdownFile));
            string overview = md[md.IndexOf("## Overview", StringComparison.Ordinal)..md.IndexOf("## Contents", StringComparison.Ordinal)];
            Assert.That(overview, Does.Contain("### Membership"));
            Assert.That(overview, Does.Contain("| scenario | point | runs | first suspicion (s) | first death mark (s) | all observers (s) | false deaths /node-h | B/node/s |"));
            Assert.That(overview, Does.Not.Contain("### Dissemination"));
        }
        finally
        {
            AnalysisFixture.Delete(Path.GetDirectoryName(directory)!);
        }
    }

    [Test]
    public void Membership_TimePlotsMarkTheFaults_AndViewAccuracySkipsTheColdStart()
    {
        var (directory, outcome) = MembershipReport();
        try
        {
            var liveness = outcome.Plots.Single(p => p.FileName == "liveness_detect_p0.svg");
            Assert.That(liveness.Series.Single(s => s.Label == "fault starts").X, Is.EqualTo(new[] { 4.0, 5.0 }));
            Assert.That(liveness.Series.Single(s => s.Label == "fault ends").X, Is.EqualTo(new[] { 7.0 }));
            // The cold start is at 0.1; after the first fault (4 s) the lowest is 0.9.
            Assert.That(liveness.YAxisFrom, Is.GreaterThan(0.85).And.LessThanOrEqualTo(0.9));
            var traffic = outcome.Plots.Single(p => p.FileName == "bandwidth_over_time_detect_p0.svg");
            Assert.That(traffic.Series.Select(s => s.Label), Does.Contain("fault starts").And.Contain("fault ends"));
            Assert.That(outcome.Plots.Count(p => p.FileName.StartsWith("liveness_", StringComparison.Ordinal)), Is.EqualTo(1),
                "time series of the first point only");
        }
        finally
        {
            AnalysisFixture.Delete(Path.GetDirectoryName(directory)!);
        }
    }

    [Test]
    public void SweepPlot_DrawsEachPoissonIntervalFromItsLowToItsHigh_AndTheRateAxisStartsAtZero()
    {
        var (directory, outcome) = MembershipReport();
        try
        {
            // Points 1 and 2 had no false deaths in 20 observer node-hours: a rate of 0 within [0, 0.184].
            var plot = outcome.Plots.Single(p => p.FileName == "sweep_fp_per_node_hour_detect.svg");
            var drawn = plot.Series.Single();
            var summary = CsvTable.Read(Path.Combine(directory, ReportWriter.SummaryFile)).Where(r => r.Get("metric") == "fp_per_node_hour").ToList();
            var ticks = XDocument.Load(Path.Combine(directory, ReportWriter.PlotsFolder, plot.FileName)).Descendants()
                .Where(e => e.Name.LocalName == "text").Select(e => e.Value.Replace('−', '-'))
                .Where(t => double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(drawn.Y, Is.EqualTo(new[] { 0.3, 0, 0 }).Within(1e-9));
                Assert.That(drawn.YLow!, Is.EqualTo(summary.Select(r => AnalysisFixture.Number(r, "ci95_low"))).Within(1e-6));
                Assert.That(drawn.YHigh!, Is.EqualTo(summary.Select(r => AnalysisFixture.Number(r, "ci95_high"))).Within(1e-6));
                Assert.That(drawn.YLow![1], Is.EqualTo(0), "no false deaths: the interval starts at 0, not half its width below");
                Assert.That(plot.YAxisFrom, Is.EqualTo(0), "a rate's axis starts at 0");
                Assert.That(ticks, Is.Not.Empty.And.None.StartsWith("-"), "no negative tick on either axis");
            });
        }
        finally
        {
            AnalysisFixture.Delete(Path.GetDirectoryName(directory)!);
        }
    }

    /// <summary>
    /// Three runs of one crash scenario where only seed 3 marked a crashed node dead at all, and
    /// seeds 2 and 3 suspected it: the membership means are over one or two runs of three, and
    /// the tables must say so instead of passing one run's time for all three.
    /// </summary>
    [Test]
    public void ReportTables_SayOverHowManyRunsAMeanIs_WhenSomeRunsNeverHadTheValue()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "crash");
        Directory.CreateDirectory(directory);
        try
        {
            ResultRow Run(int seed, string suspect, string first, string all) => new ResultRow()
                .Add("run_id", $"crash/p0/s{seed}").Add("scenario", "crash").Add("point", "0").Add("seed", seed).Add("status", "ok")
                .Add("bytes_per_node_s_mean", 250.0).Add("detect_first_suspect_s", suspect).Add("detect_first_s", first).Add("detect_all_s", all)
                .Add("fp_declarations", 0).Add("observer_node_hours", 1.0).Add("fp_per_node_hour", 0.0);
            CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), [Run(1, "", "", ""), Run(2, "4", "", ""), Run(3, "6", "18.74", "19.09")]);
            ReportWriter.WriteAll(directory, new ReportInputs { Settings = new Dictionary<string, ScenarioSettings> { ["crash"] = new() { Kind = "swim" } } });
            var md = File.ReadAllLines(Path.Combine(directory, ReportWriter.MarkdownFile));
            var overview = Cells(md.Single(l => l.StartsWith("| [crash]", StringComparison.Ordinal)));
            var section = Cells(md.Single(l => l.StartsWith("| point 0 |", StringComparison.Ordinal)));
            var sectionHeader = Cells(md.Single(l => l.StartsWith("| point | runs |", StringComparison.Ordinal)));
            string html = File.ReadAllText(Path.Combine(directory, ReportWriter.HtmlFile));
            Assert.Multiple(() =>
            {
                Assert.That(overview[2..6], Is.EqualTo(new[] { "3", "5 (2 of 3)", "18.74 (1 of 3)", "19.09 (1 of 3)" }), "runs, first suspicion, first death mark, all observers");
                Assert.That(section[sectionHeader.ToList().IndexOf("first death mark (s)")], Is.EqualTo("18.74 (1 of 3)"));
                Assert.That(section[sectionHeader.ToList().IndexOf("all detect (s)")], Is.EqualTo("19.09 (1 of 3)"));
                Assert.That(section[sectionHeader.ToList().IndexOf("first suspicion (s)")], Does.Match(@"^5 \(2 of 3\) \[-?[0-9.]+, [0-9.]+\]$"));
                Assert.That(section[sectionHeader.ToList().IndexOf("B/node/s")], Does.Not.Contain(" of "), "every run had bytes");
                Assert.That(html, Does.Contain("<td>5 (2 of 3)<br /><small>["), "report.html still puts the interval under the mean");
            });
        }
        finally
        {
            AnalysisFixture.Delete(directory);
        }
    }

    /// <summary>
    /// Lifeguard on, in three runs: 0, 6 and 2 healthy nodes declared dead by slow ones, no late
    /// death mark. The report's membership section gives each count its own column as a rate per
    /// run whose interval starts at 0, where the t interval over the three runs would go to -4.9.
    /// </summary>
    [Test]
    public void ReportTables_DeathsTheAllCausesRateHides_GetTheirOwnColumnsAsRatesPerRun()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "slow");
        Directory.CreateDirectory(directory);
        try
        {
            ResultRow Run(int seed, int bySlow) => new ResultRow()
                .Add("run_id", $"slow/p0/s{seed}").Add("scenario", "slow").Add("point", "0").Add("seed", seed).Add("status", "ok")
                .Add("bytes_per_node_s_mean", 250.0).Add("detect_first_s", 10.0).Add("detect_all_s", 12.0)
                .Add("fp_declarations", 800).Add("observer_node_hours", 1.0).Add("fp_per_node_hour", 800.0)
                .Add("fp_by_slow_observer", bySlow).Add("fp_slow_subject", 700).Add("late_death_marks", 0);
            CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), [Run(1, 0), Run(2, 6), Run(3, 2)]);
            ReportWriter.WriteAll(directory, new ReportInputs { Settings = new Dictionary<string, ScenarioSettings> { ["slow"] = new() { Kind = "swim" } } });
            var md = File.ReadAllLines(Path.Combine(directory, ReportWriter.MarkdownFile));
            var header = Cells(md.Single(l => l.StartsWith("| point | runs |", StringComparison.Ordinal))).ToList();
            var section = Cells(md.Single(l => l.StartsWith("| point 0 |", StringComparison.Ordinal)));
            Assert.Multiple(() =>
            {
                Assert.That(header, Does.Contain("declared by slow nodes (per run)").And.Contain("slow nodes declared (per run)")
                    .And.Contain("late death marks (per run)"));
                Assert.That(header, Does.Not.Contain("declared by woken nodes (per run)"), "no run has the column");
                Assert.That(section[header.IndexOf("declared by slow nodes (per run)")], Does.Match(@"^2\.667 \[0, 10\.[0-9]+\]$"));
                Assert.That(section[header.IndexOf("late death marks (per run)")], Does.Match(@"^0 \[0, 1\.2[0-9]*\]$"), "none in three runs: -ln(0.025) / 3 a run at most");
            });
        }
        finally
        {
            AnalysisFixture.Delete(Path.GetDirectoryName(directory)!);
        }
    }

    /// <summary>
    /// A SWIM probe-interval sweep written by hand: three points, two seeds each, with detection
    /// times, bytes, false deaths and their exposure, a view_accuracy time series that starts cold
    /// and dips during a partition from 4 s to 7 s, and a crash at 5 s.
    /// </summary>
    private static (string Directory, ReportOutcome Outcome) MembershipReport()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "membership");
        Directory.CreateDirectory(directory);
        double[] probe = [0.5, 1, 2];
        double[] bytes = [400, 200, 100];
        var runs = new List<ResultRow>();
        var series = new List<ResultRow>();
        for (int p = 0; p < 3; p++)
            for (int seed = 1; seed <= 2; seed++)
            {
                double detectAll = 1 + 2 * Math.Pow(2, p) + (seed == 1 ? -0.5 : 0.5);
                int fp = p == 0 ? 2 * seed : 0;
                runs.Add(new ResultRow().Add("run_id", $"detect/p{p}/s{seed}").Add("scenario", "detect").Add("point", p.ToString())
                    .Add("param.protocol.probe_interval", probe[p]).Add("seed", seed).Add("status", "ok")
                    .Add("bytes_per_node_s_mean", bytes[p] + seed - 1.5).Add("detect_first_suspect_s", detectAll / 4).Add("detect_first_s", detectAll / 2)
                    .Add("detect_all_s", detectAll).Add("fp_declarations", fp).Add("observer_node_hours", 10.0).Add("fp_per_node_hour", fp / 10.0)
                    .Add("fp_healthy", fp / 2.0).Add("fp_paused", fp / 2.0).Add("fp_partitioned", 0));
                for (int t = 1; t <= 10; t++)
                    series.Add(new ResultRow().Add("run_id", $"detect/p{p}/s{seed}").Add("scenario", "detect").Add("point", p.ToString())
                        .Add("param.protocol.probe_interval", probe[p]).Add("seed", seed).Add("t_s", t)
                        .Add("bytes_per_s", 1000.0 * t).Add("view_accuracy", t == 1 ? 0.1 : t is >= 4 and <= 7 ? 0.9 : 1.0));
            }
        CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), runs);
        CsvTable.WriteAtomically(Path.Combine(directory, "timeseries.csv"), series);
        var inputs = new ReportInputs
        {
            Settings = new Dictionary<string, ScenarioSettings>
            {
                ["detect"] = new() { Kind = "swim", Faults = [new FaultWindow("partition", 4, 7), new FaultWindow("crash", 5, null)] },
            },
        };
        inputs.WriteSettings(directory);
        // From the files alone, as `gossipsim plot DIR` does: the faults come back from scenario_settings.csv.
        return (directory, ReportWriter.WriteAll(directory, null));
    }
}
