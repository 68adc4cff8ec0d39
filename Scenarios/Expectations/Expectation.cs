using System.Globalization;

namespace GossipSim.Scenarios.Expectations;

/// <summary>
/// One line of a scenario's <c>expect:</c>: a bound on a statistic across seeds of a runs.csv
/// metric, e.g. <c>t100_s_mean.mean &lt;= 3s</c>. The bound is held in the metric's own unit
/// (seconds for <c>_s</c> metrics, milliseconds for <c>_ms</c> ones, bytes per second for
/// bandwidth, a plain fraction for %).
/// </summary>
public sealed record Expectation(string Text, string Metric, ExpectStatistic Statistic, BoundOperator Operator, double Bound)
{
    public bool Holds(double observed) => Operator switch
    {
        BoundOperator.Less => observed < Bound,
        BoundOperator.LessOrEqual => observed <= Bound,
        BoundOperator.Greater => observed > Bound,
        BoundOperator.GreaterOrEqual => observed >= Bound,
        _ => observed == Bound,
    };

    /// <summary>True when a larger value is the worse one (an upper bound); the worst run is then the largest.</summary>
    public bool IsUpperBound => Operator is BoundOperator.Less or BoundOperator.LessOrEqual or BoundOperator.Equal;

    /// <summary>How far inside the bound the observed value is, as a fraction of the bound (negative = broken).</summary>
    public double Margin(double observed)
    {
        double slack = IsUpperBound ? Bound - observed : observed - Bound;
        return Bound == 0 ? (slack == 0 ? 0 : Math.Sign(slack)) : slack / Math.Abs(Bound);
    }

    public string StatisticName => ExpectationParser.StatisticNames.First(s => s.Value == Statistic).Key;

    public string BoundText => Bound.ToString("G6", CultureInfo.InvariantCulture);
}
