using GossipSim.Analysis;

namespace GossipSim.Tests.Analysis;

/// <summary>Quantiles, confidence intervals and the two-sample tests against values worked out by hand (and checked by numerical integration of the t density).</summary>
public class StatisticsTests
{
    [Test]
    public void Quantiles_FourValues_InterpolateLinearlyType7()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.Multiple(() =>
        {
            Assert.That(Quantiles.OfSorted(sorted, 0.5), Is.EqualTo(2.5).Within(1e-12));
            Assert.That(Quantiles.OfSorted(sorted, 0.05), Is.EqualTo(1.15).Within(1e-12)); // h = 3 x 0.05 = 0.15
            Assert.That(Quantiles.OfSorted(sorted, 0.95), Is.EqualTo(3.85).Within(1e-12)); // h = 2.85
            Assert.That(Quantiles.OfSorted(sorted, 0.0), Is.EqualTo(1.0));
            Assert.That(Quantiles.OfSorted(sorted, 1.0), Is.EqualTo(4.0));
            Assert.That(Quantiles.Of([4.0, 1.0, 3.0, 2.0], 0.5), Is.EqualTo(2.5).Within(1e-12));
            Assert.That(Quantiles.OfSorted([], 0.5), Is.NaN);
        });
    }

    [Test]
    public void SampleStatistics_OneToFour_MatchesHandComputedStudentTInterval()
    {
        var s = SampleStatistics.Of([3.0, 1.0, 4.0, 2.0]);
        double sd = Math.Sqrt(5.0 / 3.0);
        double half = 3.182446305284263 * sd / 2; // t(0.975, 3) x sd / sqrt 4
        Assert.Multiple(() =>
        {
            Assert.That(s.N, Is.EqualTo(4));
            Assert.That(s.Mean, Is.EqualTo(2.5).Within(1e-12));
            Assert.That(s.StandardDeviation, Is.EqualTo(sd).Within(1e-12));
            Assert.That(s.Ci95Low, Is.EqualTo(2.5 - half).Within(1e-9));
            Assert.That(s.Ci95High, Is.EqualTo(2.5 + half).Within(1e-9));
            Assert.That(s.Median, Is.EqualTo(2.5).Within(1e-12));
            Assert.That(s.P5, Is.EqualTo(1.15).Within(1e-12));
            Assert.That(s.P95, Is.EqualTo(3.85).Within(1e-12));
        });
    }

    [Test]
    public void SampleStatistics_OneValue_HasMeanButNoSpreadOrInterval()
    {
        var s = SampleStatistics.Of([7.0, double.NaN]);
        Assert.Multiple(() =>
        {
            Assert.That(s.N, Is.EqualTo(1));
            Assert.That(s.Mean, Is.EqualTo(7.0));
            Assert.That(s.StandardDeviation, Is.NaN);
            Assert.That(s.Ci95Low, Is.NaN);
            Assert.That(s.Ci95High, Is.NaN);
        });
    }

    [Test]
    public void Welch_UnequalVariances_MatchesHandComputedTestAndInterval()
    {
        // a: mean 2.5, var 5/3; b: mean 5, var 20/3. se² = 5/12 + 5/3, df = 4.4118.
        var w = WelchTestResult.Of([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]);
        Assert.Multiple(() =>
        {
            Assert.That(w.Difference, Is.EqualTo(2.5).Within(1e-12));
            Assert.That(w.T, Is.EqualTo(Math.Sqrt(3)).Within(1e-9));
            Assert.That(w.DegreesOfFreedom, Is.EqualTo(4.411764705882353).Within(1e-9));
            Assert.That(w.P, Is.EqualTo(0.151580).Within(1e-5));
            Assert.That(w.Ci95Low, Is.EqualTo(-1.364167).Within(1e-4));
            Assert.That(w.Ci95High, Is.EqualTo(6.364167).Within(1e-4));
        });
    }

    [Test]
    public void Welch_NoSpreadEitherSide_IsExact()
    {
        Assert.Multiple(() =>
        {
            Assert.That(WelchTestResult.Of([5.0, 5.0], [5.0, 5.0]).P, Is.EqualTo(1.0));
            Assert.That(WelchTestResult.Of([5.0, 5.0], [6.0, 6.0]).P, Is.EqualTo(0.0));
        });
    }

    [Test]
    public void MannWhitney_SeparatedSamples_MatchesNormalApproximation()
    {
        // U_A = 0, mean 8, variance 4 x 4 / 12 x 9 = 12, z = (8 - 0.5) / sqrt 12.
        var m = MannWhitneyResult.Of([1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]);
        Assert.Multiple(() =>
        {
            Assert.That(m.U, Is.EqualTo(0.0));
            Assert.That(m.Z, Is.EqualTo(7.5 / Math.Sqrt(12)).Within(1e-12));
            Assert.That(m.P, Is.EqualTo(0.030383).Within(1e-5));
        });
    }

    [Test]
    public void MannWhitney_AllTied_IsNotSignificant()
    {
        Assert.That(MannWhitneyResult.Of([1.0, 1.0, 1.0], [1.0, 1.0]).P, Is.EqualTo(1.0));
    }

    [Test]
    public void AnalyticBaselines_KnownSizes_MatchPublishedConstants()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AnalyticBaselines.PushRounds(1024), Is.EqualTo(10 + Math.Log(1024)).Within(1e-12));
            Assert.That(AnalyticBaselines.PushRounds(1024, 1), Is.EqualTo(AnalyticBaselines.PushRounds(1024)).Within(1e-9));
            Assert.That(AnalyticBaselines.PushPullRounds(81), Is.EqualTo(4.0).Within(1e-12));
            Assert.That(AnalyticBaselines.SwimFirstDetectionProbeIntervals, Is.EqualTo(1.582).Within(1e-3));
            Assert.That(AnalyticBaselines.PhiConvictionIntervals(), Is.EqualTo(18.42).Within(1e-2));
            Assert.That(AnalyticBaselines.RoundsPerLnN("push"), Is.EqualTo(2.4427).Within(1e-4));
            Assert.That(AnalyticBaselines.RoundsPerLnN("pushpull"), Is.EqualTo(0.9102).Within(1e-4));
        });
    }

    [Test]
    public void PullRounds_Recurrence_GrowsLikeLog2N()
    {
        // q' = q²: about log2 n rounds to spread (doubling), then log2 ln n to finish.
        int small = AnalyticBaselines.PullRounds(1000), large = AnalyticBaselines.PullRounds(1_000_000);
        Assert.Multiple(() =>
        {
            Assert.That(small, Is.InRange(10, 14));
            Assert.That(large - small, Is.InRange(9, 11));
            Assert.That(AnalyticBaselines.PullRounds(1000, fanout: 2), Is.LessThan(small));
        });
    }

    [Test]
    public void ParetoFront_DominatedPoints_AreLeftOut()
    {
        var front = ResultPlots.ParetoFront([(1, 5), (2, 3), (3, 4), (4, 1), (2, 3)]);
        Assert.That(front, Is.EqualTo(new List<(double, double)> { (1, 5), (2, 3), (4, 1) }));
    }

    [Test]
    public void PoissonRate_ThreeSeedsFewEvents_ExactIntervalNeverNegative()
    {
        // One false death in 400 observer node-hours: Garwood's interval is
        // [chi2(0.025; 2) / 2, chi2(0.975; 4) / 2] / 400 = [0.0253, 5.572] / 400.
        var rate = PoissonRate.Of(1, 400);
        Assert.Multiple(() =>
        {
            Assert.That(rate.Rate, Is.EqualTo(0.0025));
            Assert.That(rate.Low * 400, Is.EqualTo(0.025318).Within(1e-5));
            Assert.That(rate.High * 400, Is.EqualTo(5.571643).Within(1e-5));
            Assert.That(PoissonRate.Of(0, 400).Low, Is.EqualTo(0.0));
            Assert.That(PoissonRate.Of(0, 400).High * 400, Is.EqualTo(3.688879).Within(1e-5), "zero events: the upper end is -ln(0.025)");
        });
    }

    /// <summary>
    /// Counts of 0, 0 and 300 in equal exposures of 10 spread far more than independent events can
    /// (D = 100 + 100 + 400 = 600 on 2 degrees of freedom), so the interval is the quasi-Poisson one:
    /// 10 ± t(0.975; 2) √(300 · 10 / 30) = 10 ± 43.03, cut at 0, where the exact interval of 300 events
    /// in 30 would be [8.9, 11.2]. Counts of 9, 11 and 10 (D = 0.2) keep the exact interval.
    /// </summary>
    [Test]
    public void PoissonRateOfRuns_ClusteredCounts_WidenToTheQuasiPoissonInterval()
    {
        var clustered = PoissonRate.OfRuns([(0, 10), (0, 10), (300, 10)]);
        var even = PoissonRate.OfRuns([(9, 1), (11, 1), (10, 1)]);
        Assert.Multiple(() =>
        {
            Assert.That(clustered.Overdispersed, Is.True);
            Assert.That(clustered.Rate, Is.EqualTo(10));
            Assert.That(clustered.Low, Is.EqualTo(0));
            Assert.That(clustered.High, Is.EqualTo(10 + 4.302653 * 10).Within(1e-4));
            Assert.That(even.Overdispersed, Is.False);
            Assert.That((even.Low, even.High), Is.EqualTo((PoissonRate.Of(30, 3).Low, PoissonRate.Of(30, 3).High)));
        });
    }

    [Test]
    public void RunPointStatistics_RateMetric_PoolsCountsAndExposure()
    {
        var runs = new[] { (0, 120.0), (1, 140.0), (0, 140.0) }.Select((r, i) => new ResultRow()
            .Add("run_id", $"s/p0/s{i}").Add("scenario", "s").Add("point", "0").Add("seed", CellFormat.Integer(i)).Add("status", "ok")
            .Add("fp_declarations", r.Item1).Add("observer_node_hours", r.Item2).Add("fp_per_node_hour", r.Item1 / r.Item2)).ToList();
        var stats = RunPoint.Group(runs, []).Single().Statistics("fp_per_node_hour");
        var t = SampleStatistics.Of(runs.Select(r => AnalysisFixture.Number(r, "fp_per_node_hour")));
        Assert.Multiple(() =>
        {
            Assert.That(t.Ci95Low, Is.LessThan(0), "the t interval of the per-run rates goes below zero");
            Assert.That(stats.Interval, Is.EqualTo("poisson"));
            Assert.That(stats.Mean, Is.EqualTo(1 / 400.0).Within(1e-15));
            Assert.That(stats.Ci95Low, Is.EqualTo(PoissonRate.Of(1, 400).Low).Within(1e-15));
            Assert.That(stats.N, Is.EqualTo(3));
        });
    }

    [Test]
    public void RunPointStatistics_CountOfRareEventsPerRun_PoolsAsARatePerRun()
    {
        // Lifeguard on, healthy nodes declared dead by slow ones: 0, 6 and 2 in three runs.
        var runs = new[] { 0, 6, 2 }.Select((k, i) => new ResultRow()
            .Add("run_id", $"s/p0/s{i}").Add("scenario", "s").Add("point", "0").Add("seed", CellFormat.Integer(i)).Add("status", "ok")
            .Add("fp_by_slow_observer", k).Add("late_death_marks", 0)).ToList();
        var point = RunPoint.Group(runs, []).Single();
        var declared = point.Statistics("fp_by_slow_observer");
        var late = point.Statistics("late_death_marks");
        Assert.Multiple(() =>
        {
            Assert.That(SampleStatistics.Of(runs.Select(r => AnalysisFixture.Number(r, "fp_by_slow_observer"))).Ci95Low, Is.LessThan(0), "the t interval goes below zero");
            Assert.That(declared.Mean, Is.EqualTo(8 / 3.0).Within(1e-12));
            Assert.That(declared.Ci95Low, Is.GreaterThanOrEqualTo(0));
            Assert.That(declared.Ci95High, Is.GreaterThan(PoissonRate.Of(8, 3).High), "counts this uneven widen to the quasi-Poisson interval");
            // None in three runs: the exact upper end, -ln(0.025) / 3 a run.
            Assert.That((late.Mean, late.Ci95Low), Is.EqualTo((0.0, 0.0)));
            Assert.That(late.Ci95High, Is.EqualTo(3.688879 / 3).Within(1e-5));
        });
    }

    [Test]
    public void SignedRank_SmallSample_ExactTwoSidedP()
    {
        // Differences 1, -2, 3, 4: W+ = 1 + 3 + 4 = 8 of 10; P(W+ >= 8) = P(W+ <= 2) = 3/16 (sums 0, 1, 2), two-sided 3/8.
        var (w, p) = PairedTestResult.SignedRank([1, -2, 3, 4]);
        Assert.That((w, p), Is.EqualTo((8.0, 0.375)));
    }

    [Test]
    public void DisseminationCurve_IsAStepFunctionThatKeepsJumpsAndStopsBelowOneWhenNeverComplete()
    {
        // Nobody knows before 14 s, then 60% at once, then one level a second up to 98%.
        var rows = new List<ResultRow>();
        for (int k = 1; k <= 100; k++)
        {
            string t = k <= 60 ? "14" : k <= 98 ? CellFormat.Real(14 + (k - 60)) : "";
            rows.Add(new ResultRow().Add("run_id", "a/p0/s1").Add("event", "0").Add("kind", "crash").Add("q", CellFormat.Real(k / 100.0)).Add("t_s", t));
        }
        var curve = DisseminationCurve.Of(rows, "crash").Single();
        Assert.Multiple(() =>
        {
            Assert.That(curve.FractionAt(13.999), Is.EqualTo(0.0), "nobody before the first death mark");
            Assert.That(curve.FractionAt(14), Is.EqualTo(0.60).Within(1e-12), "the jump stays a jump");
            Assert.That(curve.FractionAt(14.5), Is.EqualTo(0.60).Within(1e-12));
            Assert.That(curve.FractionAt(20), Is.EqualTo(0.66).Within(1e-12));
            Assert.That(curve.FractionAt(1000), Is.EqualTo(0.98).Within(1e-12), "the never-reached levels stay unreached");
            Assert.That(curve.LastTimeS, Is.EqualTo(52.0));
            Assert.That(DisseminationCurve.Of(rows, "join"), Is.Empty);
        });
    }

    [Test]
    public void ParameterValue_Durations_ReadAsSeconds()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ParameterValue.TryParseNumber("200ms", out double ms) ? ms : double.NaN, Is.EqualTo(0.2).Within(1e-12));
            Assert.That(ParameterValue.TryParseNumber("1.5s", out double s) ? s : double.NaN, Is.EqualTo(1.5).Within(1e-12));
            Assert.That(ParameterValue.TryParseNumber("3", out double n) ? n : double.NaN, Is.EqualTo(3.0));
            Assert.That(ParameterValue.TryParseNumber("push", out _), Is.False);
        });
    }
}
