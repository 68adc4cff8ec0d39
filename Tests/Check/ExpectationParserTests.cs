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
    // A unit of another kind than the metric's is refused at the unit, whatever the kind of each.
    [TestCase("bytes_ping_per_node_s <= 5ms", 26, "'ms' is a time unit, but 'bytes_ping_per_node_s' is a byte rate: write its bound in B/s, KB/s or MB/s")]
    [TestCase("t100_s_mean <= 50%", 17, "'%' is a percentage, but 't100_s_mean' is a time: write its bound in s, ms or us")]
    [TestCase("msgs_per_node_s_mean <= 2KB/s", 25, "'KB/s' is a byte rate unit, but 'msgs_per_node_s_mean' is a plain number: write its bound without a unit")]
    [TestCase("fp_per_node_hour <= 1%", 21, "'%' is a percentage, but 'fp_per_node_hour' is a plain number")]
    [TestCase("request_ok_rate >= 97ms", 21, "'ms' is a time unit, but 'request_ok_rate' is a fraction: write its bound in % or as a plain number")]
    [TestCase("events_per_s <= 1s", 17, "'s' is a time unit, but 'events_per_s' is a plain number")]
    public void Parse_Malformed_ProblemAtOffset(string text, int offset, string message)
    {
        Assert.That(ExpectationParser.Parse(text, out string? problem, out int at), Is.Null);
        Assert.That(problem, Does.Contain(message));
        Assert.That(at, Is.EqualTo(offset));
    }

    /// <summary>
    /// A bound with a unit is the double nearest to the decimal written, in the metric's own unit,
    /// as the same bound written without one: 99.9 * 0.01 and 99.9 / 100 are both
    /// 0.9990000000000001, which a run at exactly 0.999 would miss.
    /// </summary>
    [TestCase("known_fraction_mean >= 95%", "0.95")]
    [TestCase("known_fraction_mean.min >= 99.9%", "0.999")]
    [TestCase("request.sent_to_dead.rate.max <= 2.9%", "0.029")]
    [TestCase("t100_s_mean <= 6.1ms", "0.0061")]
    [TestCase("t100_s_mean <= 2.3us", "0.0000023")]
    [TestCase("t100_s_mean <= 1.5e-1ms", "0.00015")]
    [TestCase("bytes_per_node_s_max <= 1.005KB/s", "1005")]
    [TestCase("bytes_per_node_s_max <= 1.005MB/s", "1005000")]
    [TestCase("uplink_wait_max_ms <= 5ms", "5")]
    [TestCase("uplink_wait_max_ms <= 1.2s", "1200")]
    [TestCase("bytes_ping_per_node_s.mean <= 1KB/s", "1000")]
    [TestCase("ring_bytes_per_node_s <= 2KB/s", "2000")]
    public void Parse_Unit_BoundIsTheDecimalAsWrittenInTheMetricsUnit(string text, string bound)
    {
        var e = ExpectationParser.Parse(text, out string? problem, out _);
        Assert.That(problem, Is.Null);
        Assert.That(e!.Bound, Is.EqualTo(double.Parse(bound, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("known_fraction_mean >= 95%")]
    [TestCase("known_fraction_mean == 95%")]
    [TestCase("known_fraction_mean <= 95%")]
    public void Holds_AValueExactlyAtAPercentBound(string text) =>
        Assert.That(ExpectationParser.Parse(text, out _, out _)!.Holds(0.95), Is.True);

    [TestCase("t100_s_mean", MetricKind.Time)]
    [TestCase("t100_s_p99", MetricKind.Time)]
    [TestCase("detect_all_s", MetricKind.Time)]
    [TestCase("ring_t100_s_max", MetricKind.Time)]
    [TestCase("uplink_wait_mean_ms", MetricKind.Time)]
    [TestCase("bytes_per_node_s_mean", MetricKind.ByteRate)]
    [TestCase("bytes_ping_per_node_s", MetricKind.ByteRate)]
    [TestCase("bytes_push_pull_per_node_s", MetricKind.ByteRate)]
    [TestCase("ring_bytes_per_node_s", MetricKind.ByteRate)]
    [TestCase("known_fraction_mean", MetricKind.Fraction)]
    [TestCase("view_accuracy_end", MetricKind.Fraction)]
    [TestCase("request_ok_rate", MetricKind.Fraction)]
    [TestCase("request_sampled_fraction", MetricKind.Fraction)]
    [TestCase("msgs_per_node_s_mean", MetricKind.Number)]
    [TestCase("events_per_s", MetricKind.Number)]
    [TestCase("fp_per_node_hour", MetricKind.Number)]
    [TestCase("observer_node_hours", MetricKind.Number)]
    [TestCase("messages_lost", MetricKind.Number)]
    public void MetricKind_IsReadFromTheName(string metric, MetricKind kind) => Assert.That(MetricKinds.Of(metric), Is.EqualTo(kind));

    [Test]
    public void ScenarioFile_UnitOfAnotherKind_ErrorAtLineAndColumnOfTheUnit()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioYaml.Load(ScenarioYaml.Lines(
            "scenarios:",
            "  - name: a",
            "    expect:",
            "      - bytes_ping_per_node_s <= 5ms")))!;
        var e = error.Errors.Single();
        Assert.That((e.Line, e.Column, e.Key), Is.EqualTo((4, 35, "expect[0]")));
        Assert.That(e.Message, Does.Contain("'ms' is a time unit"));
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
