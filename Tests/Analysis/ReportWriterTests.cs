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
            "dissemination_fanout-interval_update.png", "convergence_cdf_fanout-interval_update.png",
            "sweep_t99_s_mean_fanout-interval.png", "sweep_bytes_per_node_s_mean_fanout-interval.png",
            "heatmap_t99_s_mean_fanout-interval.png", "heatmap_bytes_per_node_s_mean_fanout-interval.png",
            "requests_fanout-interval_p0.png", "bandwidth_over_time_fanout-interval_p0.png", "liveness_fanout-interval_p0.png",
            "bandwidth.png", "false_deaths.png", "tradeoff.png",
        }));
        Assert.That(_scaling.Plots.Select(p => p.FileName), Does.Contain("scaling_nodes.png"));
    }

    [Test]
    public void WriteAll_EveryPlot_IsANonEmptyPngOfTheStatedSize()
    {
        foreach (var plot in _outcome.Plots.Concat(_scaling.Plots))
        {
            string dir = _outcome.Plots.Contains(plot) ? _directory : _scalingDirectory;
            string path = Path.Combine(dir, ReportWriter.PlotsFolder, plot.FileName);
            Assert.That(AnalysisFixture.PngSize(path), Is.EqualTo((ResultPlots.WidthPx, ResultPlots.HeightPx)), plot.FileName);
            Assert.That(new FileInfo(path).Length, Is.GreaterThan(5_000), plot.FileName);
            Assert.That(plot.Series, Is.Not.Empty, plot.FileName);
        }
    }

    [Test]
    public void WriteAll_MissingColumns_SkipPlotsInsteadOfDrawingThemEmpty()
    {
        // The node sweep has no events, time series, fp_* or per-type bytes.
        var names = _scaling.Plots.Select(p => p.FileName).ToList();
        Assert.That(names.Where(n => n.StartsWith("dissemination") || n.StartsWith("requests") || n == "false_deaths.png"), Is.Empty);
        Assert.That(Directory.GetFiles(Path.Combine(_scalingDirectory, ReportWriter.PlotsFolder)), Has.Length.EqualTo(names.Count));
    }

    [Test]
    public void SweepPlot_Series_MatchSummaryMeansAndIntervals()
    {
        var summary = CsvTable.Read(Path.Combine(_directory, ReportWriter.SummaryFile)).Where(r => r.Get("metric") == "t99_s_mean").ToList();
        var sweep = Plot("sweep_t99_s_mean_fanout-interval.png");
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
        var heatmap = Plot("heatmap_bytes_per_node_s_mean_fanout-interval.png");
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
        var curve = Plot("dissemination_fanout-interval_update.png").Series[0];
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
        var theory = Plot("dissemination_fanout-interval_update.png").Series[1];
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
        var cdf = Plot("convergence_cdf_fanout-interval_update.png");
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
        var tradeoff = Plot("tradeoff.png");
        var all = tradeoff.Series.Single(s => s.Label == "fanout-interval");
        double t99Point0 = runs.Where(r => r.Get("point") == "0").Average(r => AnalysisFixture.Number(r, "t99_s_mean"));
        Assert.That(all.Y[0], Is.EqualTo(t99Point0).Within(1e-9));
        var front = tradeoff.Series.Single(s => s.Label == "Pareto front");
        Assert.That(front.X, Is.Ordered);
        Assert.That(front.Y, Is.Ordered.Descending);

        var paused = Plot("false_deaths.png").Series.Single(s => s.Label == "fp_paused");
        Assert.That(paused.Y, Is.EqualTo(new[] { 0.0, 0.02, 0.04, 0.06 }).Within(1e-9));

        var requests = Plot("requests_fanout-interval_p0.png").Series.Single(s => s.Label == "request_sent_to_dead");
        // Two runs (seeds 1 and 2) with t + seed: mean t + 1.5.
        Assert.That(requests.X, Is.EqualTo(new[] { 1.0, 2, 3, 4, 5 }));
        Assert.That(requests.Y, Is.EqualTo(new[] { 2.5, 3.5, 4.5, 5.5, 6.5 }).Within(1e-9));
    }

    [Test]
    public void Bandwidth_StacksMessageTypesUnderTheTotal()
    {
        var bandwidth = Plot("bandwidth.png");
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
            Assert.That(images.All(i => ((string?)i.Attribute("src") ?? "").StartsWith("data:image/png;base64,")), Is.True);
            Assert.That(Regex.Matches(html, "data:image/png;base64,").Count, Is.EqualTo(_outcome.Plots.Count));
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
}
