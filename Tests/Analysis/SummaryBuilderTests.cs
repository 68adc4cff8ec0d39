using GossipSim.Analysis;

namespace GossipSim.Tests.Analysis;

public class SummaryBuilderTests
{
    private List<ResultRow> _summary = null!;

    [OneTimeSetUp]
    public void BuildFromFixture() => _summary = SummaryBuilder.Build(AnalysisFixture.Runs("sweep"), AnalysisFixture.Events("sweep"));

    private ResultRow Row(string point, string metric) =>
        _summary.Single(r => r.Get("point") == point && r.Get("metric") == metric);

    [Test]
    public void Build_PointWithT99OneToFour_GivesHandComputedStatistics()
    {
        var row = Row("0", "t99_s_mean");
        double half = 3.182446305284263 * Math.Sqrt(5.0 / 3.0) / 2;
        Assert.Multiple(() =>
        {
            Assert.That(row.Get("scenario"), Is.EqualTo("fanout-interval"));
            Assert.That(row.Get("param.protocol.fanout"), Is.EqualTo("1"));
            Assert.That(row.Get("param.protocol.interval"), Is.EqualTo("200ms"));
            Assert.That(row.Get("n"), Is.EqualTo("4"), "the failed run has no metrics and is not counted");
            Assert.That(row.Get("mean"), Is.EqualTo("2.5"));
            Assert.That(AnalysisFixture.Number(row, "sd"), Is.EqualTo(Math.Sqrt(5.0 / 3.0)).Within(1e-6));
            Assert.That(AnalysisFixture.Number(row, "ci95_low"), Is.EqualTo(2.5 - half).Within(1e-6));
            Assert.That(AnalysisFixture.Number(row, "ci95_high"), Is.EqualTo(2.5 + half).Within(1e-6));
            Assert.That(row.Get("median"), Is.EqualTo("2.5"));
            Assert.That(row.Get("p5"), Is.EqualTo("1.15"));
            Assert.That(row.Get("p95"), Is.EqualTo("3.85"));
        });
    }

    [Test]
    public void Build_EveryNumericRunColumn_IsSummarisedAndIdentityIsNot()
    {
        var metrics = _summary.Where(r => r.Get("point") == "0").Select(r => r.Get("metric")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(metrics, Does.Contain("bytes_push_per_node_s").And.Contain("fp_paused").And.Contain("nodes"));
            Assert.That(metrics, Does.Not.Contain("seed").And.Not.Contain("param.protocol.fanout").And.Not.Contain("status"));
            Assert.That(_summary.Select(r => r.Get("point")).Distinct(), Is.EqualTo(new[] { "0", "1", "2", "3" }));
        });
    }

    [Test]
    public void Build_PooledEventRows_CoverAllEventsOfThePoint()
    {
        var events = AnalysisFixture.Events("sweep").Where(e => e.Get("point") == "3").ToList();
        var t100 = events.Select(e => AnalysisFixture.Number(e, "t100_s")).Where(t => !double.IsNaN(t)).ToList();
        var pooled = Row("3", "pooled_update_t100_s");
        var converged = Row("3", "pooled_update_converged_fraction");
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(8));
            Assert.That(pooled.Get("n"), Is.EqualTo("7"), "the unconverged event has no t100");
            Assert.That(AnalysisFixture.Number(pooled, "mean"), Is.EqualTo(t100.Average()).Within(1e-6));
            Assert.That(AnalysisFixture.Number(pooled, "median"), Is.EqualTo(Quantiles.Of(t100, 0.5)).Within(1e-6));
            Assert.That(AnalysisFixture.Number(converged, "mean"), Is.EqualTo(7.0 / 8).Within(1e-6));
            Assert.That(_summary.Any(r => r.Get("metric") == "pooled_update_t50_s"), Is.True);
            Assert.That(_summary.Any(r => r.Get("metric") == "pooled_update_t99_s"), Is.True);
            Assert.That(AnalysisFixture.Number(Row("3", "pooled_update_censored_fraction"), "mean"), Is.EqualTo(0), "the fixture's events.csv has no censored column");
        });
    }

    /// <summary>
    /// One run with three updates (t100 1 s, 2 s, and one written at 9.5 s of a 10 s run that had
    /// not reached everyone: censored, since the slowest update took 2 s) and two crashes (one all
    /// observers marked dead after 6 s, one never marked dead). Pooled together, five events, two
    /// converged in the 0/1 sense and the two t100s of 1 and 2 s beside the crash's 6 s.
    /// </summary>
    [Test]
    public void Build_PooledEventRows_ArePerEventKind_AndLeaveCensoredEventsOutOfTheConvergedFraction()
    {
        var run = new ResultRow().Add("run_id", "mix/p0/s1").Add("scenario", "mix").Add("point", "0").Add("seed", 1).Add("status", "ok").Add("updates", 3);
        ResultRow Event(string kind, double t0, string t100, string censored) => new ResultRow()
            .Add("run_id", "mix/p0/s1").Add("scenario", "mix").Add("point", "0").Add("seed", 1).Add("kind", kind).Add("subject", 0).Add("t0_s", t0)
            .Add("t50_s", t100.Length > 0 ? t100 : "0.1").Add("t90_s", t100).Add("t99_s", t100).Add("t100_s", t100).Add("observers", 10)
            .Add("known_fraction", t100.Length > 0 ? 1.0 : 0.5).Add("converged", t100.Length > 0 ? "true" : "false").Add("censored", censored);
        var summary = SummaryBuilder.Build([run],
        [
            Event("update", 1, "1", "false"), Event("update", 2, "2", "false"), Event("update", 9.5, "", "true"),
            Event("crash", 2, "6", "false"), Event("crash", 2, "", "false"),
        ]);
        ResultRow Metric(string name) => summary.Single(r => r.Get("metric") == name);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Select(r => r.Get("metric")).Where(m => m!.StartsWith("pooled_")), Is.EquivalentTo(new[]
            {
                "pooled_update_t50_s", "pooled_update_t90_s", "pooled_update_t99_s", "pooled_update_t100_s",
                "pooled_update_converged_fraction", "pooled_update_censored_fraction",
                "pooled_crash_t50_s", "pooled_crash_t90_s", "pooled_crash_t99_s", "pooled_crash_t100_s",
                "pooled_crash_converged_fraction", "pooled_crash_censored_fraction",
            }));
            Assert.That(AnalysisFixture.Number(Metric("pooled_update_t100_s"), "mean"), Is.EqualTo(1.5));
            Assert.That(AnalysisFixture.Number(Metric("pooled_crash_t100_s"), "mean"), Is.EqualTo(6));
            Assert.That(Metric("pooled_update_converged_fraction").Get("n"), Is.EqualTo("2"), "the censored update is left out");
            Assert.That(AnalysisFixture.Number(Metric("pooled_update_converged_fraction"), "mean"), Is.EqualTo(1));
            Assert.That(AnalysisFixture.Number(Metric("pooled_update_censored_fraction"), "mean"), Is.EqualTo(1.0 / 3).Within(1e-6));
            Assert.That(AnalysisFixture.Number(Metric("pooled_crash_converged_fraction"), "mean"), Is.EqualTo(0.5));
        });
    }
}
