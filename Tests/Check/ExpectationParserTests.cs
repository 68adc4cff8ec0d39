using GossipSim.Scenarios;
using GossipSim.Scenarios.Expectations;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Check;

public class ExpectationParserTests
{
    [TestCase("t100_s_mean.mean <= 3s", "t100_s_mean", ExpectStatistic.Mean, BoundOperator.LessOrEqual, 3.0)]
    [TestCase("detect_all_s.mean < 20s", "detect_all_s", ExpectStatistic.Mean, BoundOperator.Less, 20.0)]
    [TestCase("fp_per_node_hour.max == 0", "fp_per_node_hour", ExpectStatistic.Max, BoundOperator.Equal, 0.0)]
    [TestCase("bytes_per_node_s_max.max <= 40KB/s", "bytes_per_node_s_max", ExpectStatistic.Max, BoundOperator.LessOrEqual, 40_000.0)]
    [TestCase("bytes_per_node_s_mean.p95 <= 1.5MB/s", "bytes_per_node_s_mean", ExpectStatistic.P95, BoundOperator.LessOrEqual, 1_500_000.0)]
    [TestCase("bytes_per_node_s_mean.mean < 900B/s", "bytes_per_node_s_mean", ExpectStatistic.Mean, BoundOperator.Less, 900.0)]
    [TestCase("t99_s_mean.ci_high <= 250ms", "t99_s_mean", ExpectStatistic.CiHigh, BoundOperator.LessOrEqual, 0.25)]
    [TestCase("t50_s_mean.min >= 500us", "t50_s_mean", ExpectStatistic.Min, BoundOperator.GreaterOrEqual, 0.0005)]
    [TestCase("known_fraction_mean.min >= 99.5%", "known_fraction_mean", ExpectStatistic.Min, BoundOperator.GreaterOrEqual, 0.995)]
    [TestCase("view_accuracy_end.mean > 0.9", "view_accuracy_end", ExpectStatistic.Mean, BoundOperator.Greater, 0.9)]
    [TestCase("  t100_s_mean.max<=2.5e0s  ", "t100_s_mean", ExpectStatistic.Max, BoundOperator.LessOrEqual, 2.5)]
    public void Parse_ValidExpression_MetricStatisticOperatorAndBoundInMetricUnits(string text, string metric, ExpectStatistic statistic, BoundOperator op, double bound)
    {
        var e = ExpectationParser.Parse(text, out string? problem, out _);
        Assert.That(problem, Is.Null);
        Assert.That((e!.Metric, e.Statistic, e.Operator), Is.EqualTo((metric, statistic, op)));
        Assert.That(e.Bound, Is.EqualTo(bound).Within(1e-12));
    }

    [TestCase("fp_per_node_hour == 0", ExpectStatistic.Max)]
    [TestCase("known_fraction_mean >= 1", ExpectStatistic.Min)]
    public void Parse_NoStatistic_EveryRunMustHold(string text, ExpectStatistic statistic) =>
        Assert.That(ExpectationParser.Parse(text, out _, out _)!.Statistic, Is.EqualTo(statistic));

    [TestCase("t100_s_mean 3s", 0, "no comparison")]
    [TestCase("<= 3s", 0, "metric name is missing")]
    [TestCase("T100.mean <= 3s", 0, "is not a metric name")]
    [TestCase("t100_s_mean.meen <= 3s", 12, "unknown statistic 'meen'; did you mean 'mean'?")]
    [TestCase("t100_s_mean.mean <= fast", 20, "expected a number")]
    [TestCase("t100_s_mean.mean <= 3 parsecs", 22, "unknown unit 'parsecs'")]
    [TestCase("t100_s_mean.mean <= 3KB/s", 21, "is a byte rate")]
    [TestCase("bytes_per_node_s_max.max <= 3s", 29, "is a time unit")]
    [TestCase("nodes.max <= 3ms", 14, "is a time unit")]
    public void Parse_Malformed_ProblemAtOffset(string text, int offset, string message)
    {
        Assert.That(ExpectationParser.Parse(text, out string? problem, out int at), Is.Null);
        Assert.That(problem, Does.Contain(message));
        Assert.That(at, Is.EqualTo(offset));
    }

    [TestCase(2.0, true)]
    [TestCase(3.0, true)]
    [TestCase(3.5, false)]
    public void Holds_UpperBound(double observed, bool holds) =>
        Assert.That(ExpectationParser.Parse("t100_s_mean.mean <= 3s", out _, out _)!.Holds(observed), Is.EqualTo(holds));

    [Test]
    public void ScenarioFile_MalformedExpectation_ErrorAtLineAndColumnOfTheMistake()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioYaml.Load(ScenarioYaml.Lines(
            "scenarios:",
            "  - name: a",
            "    expect:",
            "      - t100_s_mean.mean <= 3s",
            "      - \"t100_s_mean.meen <= 3s\"")))!;
        var e = error.Errors.Single();
        Assert.That((e.Line, e.Column, e.Key), Is.EqualTo((5, 22, "expect[1]")));
        Assert.That(e.Message, Does.Contain("unknown statistic 'meen'"));
    }

    [Test]
    public void ScenarioFile_Expectations_ReachTheSpec()
    {
        var spec = ScenarioYaml.Load(ScenarioYaml.Lines("scenarios:", "  - name: a", "    expect: [t100_s_mean.mean <= 3s, fp_per_node_hour == 0]")).Points.Single();
        Assert.That(spec.Expectations, Is.EqualTo(new[] { "t100_s_mean.mean <= 3s", "fp_per_node_hour == 0" }));
    }
}
