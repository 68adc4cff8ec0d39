using GossipSim.Analysis;

namespace GossipSim.Tests.Analysis;

/// <summary>
/// Fixtures: compare/a and compare/b_same draw 8 seeds each from the same distributions
/// (t99 ~ N(3 s, 0.2 s), bytes ~ N(500, 10) B/s); compare/b_changed moves t99 to 4 s and
/// bytes to 650 B/s.
/// </summary>
public class ComparisonTests
{
    [Test]
    public void Compare_TwoSeedSetsOfTheSameScenario_FlagsNothing()
    {
        var rows = Comparison.Compare(AnalysisFixture.Source("compare/a"), AnalysisFixture.Source("compare/b_same"));
        Assert.That(rows.Select(r => r.Get("metric")), Is.EquivalentTo(new[] { "nodes", "t99_s_mean", "bytes_per_node_s_mean", "known_fraction_mean" }));
        Assert.That(rows.Where(r => r.Get("significant") == "yes").Select(r => r.Get("metric")), Is.Empty);
    }

    [Test]
    public void Compare_ChangedSetting_FlagsTheMetricsThatMoved()
    {
        var rows = Comparison.Compare(AnalysisFixture.Source("compare/a"), AnalysisFixture.Source("compare/b_changed"));
        var t99 = rows.Single(r => r.Get("metric") == "t99_s_mean");
        var a = AnalysisFixture.Runs("compare/a").Select(r => AnalysisFixture.Number(r, "t99_s_mean")).ToList();
        var b = AnalysisFixture.Runs("compare/b_changed").Select(r => AnalysisFixture.Number(r, "t99_s_mean")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(t99.Get("significant"), Is.EqualTo("yes"));
            Assert.That(AnalysisFixture.Number(t99, "diff_mean"), Is.EqualTo(b.Average() - a.Average()).Within(1e-5));
            Assert.That(AnalysisFixture.Number(t99, "diff_ci95_low"), Is.GreaterThan(0));
            Assert.That(AnalysisFixture.Number(t99, "mann_whitney_p"), Is.LessThan(0.05));
            Assert.That(rows.Single(r => r.Get("metric") == "bytes_per_node_s_mean").Get("significant"), Is.EqualTo("yes"));
            Assert.That(rows.Single(r => r.Get("metric") == "known_fraction_mean").Get("significant"), Is.EqualTo("no"));
        });
    }

    [Test]
    public void Write_ChangedSetting_WritesCsvAndChart()
    {
        string outDirectory = AnalysisFixture.CopyToTemp("compare/a");
        try
        {
            var rows = Comparison.Write(AnalysisFixture.Source("compare/a"), AnalysisFixture.Source("compare/b_changed"), outDirectory);
            var csv = CsvTable.Read(Path.Combine(outDirectory, Comparison.ComparisonFile));
            Assert.That(csv, Has.Count.EqualTo(rows.Count));
            Assert.That(CsvTable.Columns(csv), Is.EqualTo(Comparison.Columns([])));
            Assert.That(AnalysisFixture.PngSize(Path.Combine(outDirectory, "comparison.png")), Is.EqualTo((ResultPlots.WidthPx, ResultPlots.HeightPx)));
        }
        finally
        {
            AnalysisFixture.Delete(outDirectory);
        }
    }
}
