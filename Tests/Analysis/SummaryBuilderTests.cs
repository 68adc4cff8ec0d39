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
        var pooled = Row("3", "pooled_t100_s");
        var converged = Row("3", SummaryBuilder.PooledConvergedFraction);
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.EqualTo(8));
            Assert.That(pooled.Get("n"), Is.EqualTo("7"), "the unconverged event has no t100");
            Assert.That(AnalysisFixture.Number(pooled, "mean"), Is.EqualTo(t100.Average()).Within(1e-6));
            Assert.That(AnalysisFixture.Number(pooled, "median"), Is.EqualTo(Quantiles.Of(t100, 0.5)).Within(1e-6));
            Assert.That(AnalysisFixture.Number(converged, "mean"), Is.EqualTo(7.0 / 8).Within(1e-6));
            Assert.That(_summary.Any(r => r.Get("metric") == "pooled_t50_s"), Is.True);
            Assert.That(_summary.Any(r => r.Get("metric") == "pooled_t99_s"), Is.True);
        });
    }
}
