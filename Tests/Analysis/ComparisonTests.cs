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
            Assert.That(AnalysisFixture.Number(t99, "rank_p"), Is.LessThan(0.05));
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
            Assert.That(AnalysisFixture.PngSize(Path.Combine(outDirectory, "comparison.png")), Is.EqualTo((ResultPlots.WidthPx * 3 / 2, ResultPlots.HeightPx)));
        }
        finally
        {
            AnalysisFixture.Delete(outDirectory);
        }
    }

    /// <summary>A result set of one point whose runs have the given seeds and metric values.</summary>
    private static ResultSet Set(string scenario, string point, IReadOnlyList<int> seeds, Func<int, int, double> value, int metrics = 1)
    {
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "set");
        Directory.CreateDirectory(directory);
        var rows = seeds.Select((seed, i) =>
        {
            var row = new ResultRow().Add("run_id", $"{scenario}/p{point}/s{seed}").Add("scenario", scenario).Add("point", point)
                .Add("seed", CellFormat.Integer(seed)).Add("status", "ok");
            for (int m = 0; m < metrics; m++) row.Add($"metric_{m:D2}", value(i, m));
            return row;
        }).ToList();
        CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), rows);
        var set = ResultSet.Load(directory);
        AnalysisFixture.Delete(directory);
        return set;
    }

    [Test]
    public void Compare_SameSeedsEveryPairImprovedAlike_PairedTestFindsIt()
    {
        // Spread across seeds is wide (1 s apart), every seed improves by exactly 0.32 s: Welch
        // on the two samples cannot see it; the paired test can.
        int[] seeds = [1, 2, 3, 4, 5];
        var a = Set("crash", "0", seeds, (i, _) => 14 + i);
        var b = Set("crash", "0", seeds, (i, _) => 14 + i - 0.32);
        var row = Comparison.Compare(a, b).Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.Get("test"), Is.EqualTo(Comparison.PairedTest));
            Assert.That(row.Get("pairs"), Is.EqualTo("5"));
            Assert.That(AnalysisFixture.Number(row, "diff_mean"), Is.EqualTo(-0.32).Within(1e-9));
            Assert.That(row.Get("significant"), Is.EqualTo("yes"));
            Assert.That(AnalysisFixture.Number(row, "p"), Is.EqualTo(0.0));
            // Five pairs all the same sign: the exact signed-rank p is 2/32.
            Assert.That(AnalysisFixture.Number(row, "rank_p"), Is.EqualTo(0.0625).Within(1e-12));
            Assert.That(WelchTestResult.Of(a.Points[0].Values("metric_00"), b.Points[0].Values("metric_00")).P, Is.GreaterThan(0.5),
                "the unpaired test would have called it noise");
        });
    }

    [Test]
    public void Compare_DifferentSeeds_FallsBackToWelch()
    {
        var row = Comparison.Compare(Set("s", "0", [1, 2, 3], (i, _) => i), Set("s", "0", [7, 8, 9], (i, _) => i + 5)).Single();
        Assert.That((row.Get("test"), row.Get("pairs"), row.Get("rank_test")), Is.EqualTo((Comparison.UnpairedTest, "0", "mann-whitney u")));
    }

    [Test]
    public void Compare_TwoPointsOfOneSweep_NamedBySelectors_AreLabelled()
    {
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "sweep");
        Directory.CreateDirectory(directory);
        var rows = new List<ResultRow>();
        foreach (string point in new[] { "0", "1" })
            foreach (int seed in new[] { 1, 2, 3 })
                rows.Add(new ResultRow().Add("run_id", $"f/p{point}/s{seed}").Add("scenario", "f").Add("point", point)
                    .Add("param.protocol.fanout", point == "0" ? "2" : "4").Add("seed", CellFormat.Integer(seed)).Add("status", "ok")
                    .Add("t99_s_mean", (point == "0" ? 3.0 : 2.0) + seed * 0.1));
        CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), rows);
        try
        {
            var set = ResultSet.Load(directory);
            var row = Comparison.Compare(set, set, Comparison.PointSelector.Parse("f@0"), Comparison.PointSelector.Parse("f@fanout=4")).Single();
            Assert.Multiple(() =>
            {
                Assert.That((row.Get("point"), row.Get("point_b")), Is.EqualTo(("0", "1")));
                Assert.That(Comparison.PointName(row), Is.EqualTo("f p0 (fanout=2) vs f p1 (fanout=4)"));
                Assert.That(AnalysisFixture.Number(row, "diff_mean"), Is.EqualTo(-1.0).Within(1e-9));
                Assert.That(row.Get("test"), Is.EqualTo(Comparison.PairedTest), "the points of one sweep ran the same seeds");
            });
            Assert.That(Comparison.Compare(set, set, Comparison.PointSelector.Parse("f@7"), null), Is.Empty);
        }
        finally
        {
            AnalysisFixture.Delete(directory);
        }
    }

    [Test]
    public void ComparisonChart_SeventyFiveMetrics_GrowsToFitEveryRow()
    {
        var a = Set("s", "0", [1, 2, 3], (i, m) => 10 + m + i, metrics: 75);
        var b = Set("s", "0", [1, 2, 3], (i, m) => 10 + m + i + (m % 3), metrics: 75);
        var rows = Comparison.Compare(a, b);
        string directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "chart");
        try
        {
            var chart = ResultPlots.ComparisonChart(directory, rows)!;
            Assert.That(chart.Series[0].X, Has.Length.EqualTo(75));
            var (width, height) = AnalysisFixture.PngSize(Path.Combine(directory, "comparison.png"));
            Assert.That(height, Is.EqualTo(120 + 18 * 75), "18 px a row");
            Assert.That(width, Is.EqualTo(ResultPlots.WidthPx * 3 / 2));
        }
        finally
        {
            AnalysisFixture.Delete(directory);
        }
    }
}
