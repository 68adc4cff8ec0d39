using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Check;

/// <summary>check --baseline on result sets written by hand: which way is worse, and runs without a value.</summary>
public class BaselineCheckTests
{
    private ResultSetFiles _sets = null!;

    [SetUp]
    public void SetUp() => _sets = new ResultSetFiles();

    [TearDown]
    public void TearDown() => _sets.Dispose();

    private List<CheckVerdict> Compare((string, string)[][] baseline, (string, string)[][] check) =>
        BaselineCheck.Evaluate(_sets.Write("baseline", "s", baseline), _sets.Write("check", "s", check), 0.10);

    /// <summary>Rows of two columns: (a, b) per run.</summary>
    private static (string, string)[][] Runs(string a, string b, params (string A, string B)[] cells) =>
        cells.Select(c => new[] { (a, c.A), (b, c.B) }).ToArray();

    /// <summary>
    /// A quarter of the requests stop being served, and the ring stops converging: both fall, and
    /// for both a fall is worse. Taken as "smaller is better" they would pass as improvements.
    /// </summary>
    [TestCase("request_ok_rate", "0.95", "0.70")]
    [TestCase("ring_events_converged", "4", "1")]
    [TestCase("request_ok", "9500", "7000")]
    public void Baseline_AMetricWhereHigherIsBetterFalls_Fails(string metric, string before, string after)
    {
        string Jitter(string v, int i) => (double.Parse(v) * (1 + i * 0.001)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var verdict = Compare(
            Enumerable.Range(0, 4).Select(i => new[] { (metric, Jitter(before, i)) }).ToArray(),
            Enumerable.Range(0, 4).Select(i => new[] { (metric, Jitter(after, i)) }).ToArray()).Single();
        Assert.That(verdict.Passed, Is.False, verdict.Detail);
        Assert.That(verdict.Detail, Does.StartWith("significantly worse than the baseline"));
    }

    /// <summary>
    /// Two of the check's four runs never detected the crash everywhere; the other two match the
    /// baseline. Compared over the two with a value it would pass; the comparison fails instead
    /// and says how many runs had none, on which side.
    /// </summary>
    [Test]
    public void Baseline_RunsWithoutAValue_FailTheComparison()
    {
        var verdicts = Compare(
            Runs("detect_all_s", "bytes_per_node_s_mean", ("10.1", "500"), ("10.3", "501"), ("10.2", "502"), ("10.4", "503")),
            Runs("detect_all_s", "bytes_per_node_s_mean", ("10.1", "500"), ("", "501"), ("10.2", "502"), ("", "503")));
        var detect = verdicts.Single(v => v.Name == "baseline detect_all_s");
        Assert.Multiple(() =>
        {
            Assert.That(detect.Passed, Is.False);
            Assert.That(detect.Detail, Does.StartWith("2 of 4 runs of this check have no detect_all_s (the event did not complete before the run ended)"));
            Assert.That(verdicts.Single(v => v.Name == "baseline bytes_per_node_s_mean").Passed, Is.True);
        });
    }

    /// <summary>A metric with values in every baseline run and in no run of the check has not gone away: it is compared, and fails.</summary>
    [Test]
    public void Baseline_AMetricEmptyInEveryRunOfTheCheck_FailsRatherThanDropsOut()
    {
        var verdicts = Compare(
            Runs("detect_all_s", "bytes_per_node_s_mean", ("10.1", "500"), ("10.3", "501"), ("10.2", "502")),
            Runs("detect_all_s", "bytes_per_node_s_mean", ("", "500"), ("", "501"), ("", "502")));
        Assert.That(verdicts.Single(v => v.Name == "baseline detect_all_s").Detail, Does.StartWith("3 of 3 runs of this check have no detect_all_s"));
    }

    /// <summary>A column empty in every run of both sets is one the scenario does not measure (t100 without updates): nothing to compare.</summary>
    [Test]
    public void Baseline_AMetricEmptyInEveryRunOfBoth_IsNotCompared()
    {
        var verdicts = Compare(
            Runs("t100_s_mean", "bytes_per_node_s_mean", ("", "500"), ("", "501"), ("", "502")),
            Runs("t100_s_mean", "bytes_per_node_s_mean", ("", "500"), ("", "501"), ("", "502")));
        Assert.That(verdicts.Select(v => v.Name), Is.EqualTo(new[] { "baseline bytes_per_node_s_mean" }));
    }

    [Test]
    public void Baseline_AFailedRun_FailsThePointsComparison()
    {
        var verdicts = Compare(
            Runs("bytes_per_node_s_mean", "nodes", ("500", "10"), ("501", "10"), ("502", "10")),
            Runs("bytes_per_node_s_mean", "nodes", ("500", "10"), ("501", "10"), ("502", "10")).Append([("status", "failed")]).ToArray());
        Assert.That(verdicts.Single().Detail, Does.StartWith("1 of 4 runs of this check failed"));
    }
}
