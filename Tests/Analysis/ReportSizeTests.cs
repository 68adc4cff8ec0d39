using System.Text.RegularExpressions;
using GossipSim.Analysis;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Analysis;

/// <summary>
/// report.html stays small: its size grows with the figures it embeds, each within a budget,
/// and the SVG each figure is written as draws the same picture with less text.
/// </summary>
public partial class ReportSizeTests
{
    /// <summary>
    /// Bytes an embedded figure of the standard 960 x 560 may take on average. A compact figure's
    /// frame (axes, ticks, labels, legend) is about 5 KB, a line or band a few KB more; the
    /// shipped suite's figures average 9 KB, its single-point dissemination curves (median, band
    /// and theory line) 11-12 KB. The same figures as ScottPlot writes them took 20-35 KB.
    /// </summary>
    private const int FigureBudget = 16_000;

    /// <summary>
    /// A report of two scenarios (a three-point fanout sweep and a single push point, 60 nodes,
    /// three seeds) weighs no more than its figures' budgets (a tall bar chart's in proportion to
    /// its height) and its tables, which in XHTML are at most twice their Markdown.
    /// </summary>
    [Test]
    public void ReportHtml_OfASmallSuite_StaysWithinABudgetPerFigure()
    {
        using var sweep = new SmallSweep();
        string output = sweep.Run("out");
        var outcome = ReportWriter.WriteAll(output, null);
        string html = File.ReadAllText(Path.Combine(output, ReportWriter.HtmlFile));
        var figures = FigureUris().Matches(html).Select(m => m.Value.Length).ToList();
        Assert.That(figures, Has.Count.EqualTo(outcome.Plots.Count).And.Count.GreaterThanOrEqualTo(6), "every figure embedded");
        long markdown = new FileInfo(Path.Combine(output, ReportWriter.MarkdownFile)).Length;
        long bound = outcome.Plots.Sum(Budget) + 2 * markdown;
        Assert.That(System.Text.Encoding.UTF8.GetByteCount(html), Is.LessThanOrEqualTo(bound),
            string.Join(", ", outcome.Plots.Select((p, i) => $"{p.FileName} {figures[i]} B")));
    }

    private static long Budget(PlotResult plot) => (long)FigureBudget * plot.HeightPx / ResultPlots.HeightPx;

    [GeneratedRegex("data:image/svg\\+xml,[^\"]*")]
    private static partial Regex FigureUris();

    [Test]
    public void CompactSvg_DropsVerticesOnTheWay_KeepsTurnsAndSpikes()
    {
        string svg = "<svg width=\"10\" height=\"10\">\n<path fill=\"none\" stroke=\"blue\" d=\"M0 0L1.04 0L2 0L2 0L2 5L2 0L3 1L4 2L5 3\"/>\n</svg>";
        string d = Regex.Match(CompactSvg.Of(svg), " d=\"([^\"]*)\"").Groups[1].Value;
        // (1, 0) lies on the way from (0, 0) to (2, 0); the repeat of (2, 0) goes; the spike up to
        // (2, 5) and back stays; (3, 1) and (4, 2) lie on the way to (5, 3).
        Assert.That(d, Is.EqualTo("M0 0L2 0L2 5L2 0L5 3"));
    }

    [Test]
    public void CompactSvg_JoinsLikePathsAcrossLabels_SharesClips_AndDropsEmptyTicks()
    {
        string svg = string.Join('\n',
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?>",
            "<svg width=\"10\" height=\"10\">",
            "<path fill=\"none\" stroke=\"black\" stroke-width=\"1\" stroke-miterlimit=\"4\" d=\"M1 1L1 2\"/>",
            "<text transform=\"translate(1.5 2)\" font-size=\"12\" font-family=\"DejaVu Serif\" x=\"-0.5,3,4\" y=\"1,2,3\">0</text>",
            "<path fill=\"none\" stroke=\"black\" stroke-width=\"1\" stroke-miterlimit=\"4\" d=\"M3 1L3 2\"/>",
            "<path fill=\"none\" stroke=\"black\" stroke-width=\"1\" stroke-miterlimit=\"4\" d=\"M5 1\"/>",
            "<clipPath id=\"cl_a1\"><rect x=\"0\" y=\"0\" width=\"9.123456\" height=\"9\"/></clipPath>",
            "<g clip-path=\"url(#cl_a1)\"><path fill=\"red\" d=\"M0 0L1 1\"/></g>",
            "<clipPath id=\"cl_b2\"><rect x=\"0\" y=\"0\" width=\"9.123456\" height=\"9\"/></clipPath>",
            "<g clip-path=\"url(#cl_b2)\"><path fill=\"red\" d=\"M2 2L3 3\"/></g>",
            "</svg>");
        Assert.That(CompactSvg.Of(svg), Is.EqualTo(
            "<svg font-family=\"DejaVu Serif\" width=\"10\" height=\"10\">"
            + "<path fill=\"none\" stroke=\"black\" stroke-width=\"1\" d=\"M1 1L1 2 M3 1L3 2\"/>"
            + "<text font-size=\"12\" x=\"1\" y=\"3\">0</text>"
            + "<clipPath id=\"c1\"><rect x=\"0\" y=\"0\" width=\"9.1\" height=\"9\"/></clipPath>"
            + "<g clip-path=\"url(#c1)\"><path fill=\"red\" d=\"M0 0L1 1 M2 2L3 3\"/></g>"
            + "</svg>"));
    }
}
