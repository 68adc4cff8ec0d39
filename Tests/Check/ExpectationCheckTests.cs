using GossipSim.Analysis;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Check;

/// <summary>How check reduces a point's runs to the number a bound is held to.</summary>
public class ExpectationCheckTests
{
    private ResultSetFiles _sets = null!;

    [SetUp]
    public void SetUp() => _sets = new ResultSetFiles();

    [TearDown]
    public void TearDown() => _sets.Dispose();

    private List<CheckVerdict> Check(string expectation, params (string, string)[][] runs) =>
        ExpectationCheck.Evaluate(ResultSet.Load(_sets.Write("set", "s", runs)), new Dictionary<string, IReadOnlyList<string>> { ["s"] = [expectation] });

    /// <summary>
    /// Four of six runs never saw every node mark the crash dead before the run ended (empty
    /// detect_all_s). The two that did are under the bound, but the bound is on every run, and
    /// a statistic over the two would describe the lucky third: each form of the bound fails,
    /// says how many runs had no value, and names the first of them to replay.
    /// </summary>
    [TestCase("detect_all_s.max <= 30s")]
    [TestCase("detect_all_s <= 30s")]
    [TestCase("detect_all_s.mean <= 30s")]
    [TestCase("detect_all_s.p95 <= 30s")]
    [TestCase("detect_all_s.ci_high <= 30s")]
    public void Bound_RunsWithoutAValue_FailsAndSaysHowMany(string expectation)
    {
        var verdict = Check(expectation, ResultSetFiles.Column("detect_all_s", "", "", "29.46", "29.18", "", "")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(verdict.Passed, Is.False);
            Assert.That(verdict.Detail, Does.StartWith("4 of 6 runs have no detect_all_s (the event did not complete before the run ended)"));
            Assert.That(verdict.WorstRunId, Is.EqualTo("s/p0/s1"));
        });
    }

    [Test]
    public void Bound_EveryRunWithAValue_IsHeldToThem() =>
        Assert.That(Check("detect_all_s.max <= 30s", ResultSetFiles.Column("detect_all_s", "29.46", "29.18")).Single().Passed, Is.True);

    /// <summary>
    /// Three runs without a false death over 3.33 observer node-hours in all: the report's pooled
    /// rate is 0 within the exact Poisson interval [0, 3.689 / 3.33 = 1.107], and check holds
    /// the bound to the same figures, where a t interval over the per-run rates was [0, 0].
    /// </summary>
    [Test]
    public void RareEventRate_MeanAndCiHighAreThePooledRateAndItsPoissonInterval()
    {
        var runs = Enumerable.Range(0, 3)
            .Select(_ => new[] { ("fp_declarations", "0"), ("observer_node_hours", "1.111111"), ("fp_per_node_hour", "0") }).ToArray();
        var ciHigh = Check("fp_per_node_hour.ci_high < 0.5", runs).Single();
        var report = ResultSet.Load(_sets.Write("report", "s", runs)).Points.Single().Statistics("fp_per_node_hour");
        Assert.Multiple(() =>
        {
            Assert.That(ciHigh.Observed, Is.EqualTo(3.688879 / 3.333333).Within(1e-5));
            Assert.That(ciHigh.Observed, Is.EqualTo(report.Ci95High), "the report's interval");
            Assert.That(ciHigh.Passed, Is.False);
            Assert.That(Check("fp_per_node_hour.ci_high < 1.2", runs).Single().Passed, Is.True);
        });
    }

    /// <summary>One false death in 1 node-hour and none in 9: the pooled rate is 1 / 10 = 0.1, not the mean 1 / 3 of the per-run rates.</summary>
    [Test]
    public void RareEventRate_MeanIsEventsOverPooledExposure()
    {
        var runs = new[] { ("1", "1"), ("0", "4"), ("0", "5") }
            .Select(r => new[] { ("fp_declarations", r.Item1), ("observer_node_hours", r.Item2), ("fp_per_node_hour", CellFormat.Real(double.Parse(r.Item1) / double.Parse(r.Item2))) })
            .ToArray();
        Assert.That(Check("fp_per_node_hour.mean <= 0.2", runs).Single().Observed, Is.EqualTo(0.1).Within(1e-12));
    }
}
