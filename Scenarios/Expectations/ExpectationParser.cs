using System.Text.RegularExpressions;

namespace GossipSim.Scenarios.Expectations;

/// <summary>
/// Parses <c>METRIC[.STAT] OP NUMBER[UNIT]</c>. STAT is mean, p95, max, min or ci_high; without it
/// the bound holds for every run (max for an upper bound, min for a lower one). Units: s, ms, us
/// for times, B/s, KB/s, MB/s for byte rates, % for fractions (<see cref="MetricKinds"/>); a unit
/// of another kind than the metric's is an error.
/// </summary>
public static partial class ExpectationParser
{
    public static readonly IReadOnlyDictionary<string, ExpectStatistic> StatisticNames = new Dictionary<string, ExpectStatistic>
    {
        ["mean"] = ExpectStatistic.Mean,
        ["p95"] = ExpectStatistic.P95,
        ["max"] = ExpectStatistic.Max,
        ["min"] = ExpectStatistic.Min,
        ["ci_high"] = ExpectStatistic.CiHigh,
    };

    private static readonly (string Text, BoundOperator Op)[] Operators =
        [("<=", BoundOperator.LessOrEqual), (">=", BoundOperator.GreaterOrEqual), ("==", BoundOperator.Equal), ("<", BoundOperator.Less), (">", BoundOperator.Greater)];

    /// <summary>
    /// Each unit as a power of ten of its kind's base unit. A bound is scaled by moving the decimal
    /// exponent of the number as written, not by multiplying: 99.9 * 0.01 and 99.9 / 100 are both
    /// 0.9990000000000001, so a bound of 99.9% would fail at exactly 0.999, where 99.9e-2 is the
    /// double nearest to 0.999, the same as a bound written 0.999.
    /// </summary>
    private static readonly Dictionary<string, (int Exponent, MetricKind Kind)> Units = new(StringComparer.Ordinal)
    {
        ["s"] = (0, MetricKind.Time),
        ["ms"] = (-3, MetricKind.Time),
        ["us"] = (-6, MetricKind.Time),
        ["B/s"] = (0, MetricKind.ByteRate),
        ["KB/s"] = (3, MetricKind.ByteRate),
        ["MB/s"] = (6, MetricKind.ByteRate),
        ["%"] = (-2, MetricKind.Fraction),
    };

    /// <summary>
    /// A runs.csv metric column: lower-case letters, digits and '_'. No column has a dot (dots only
    /// appear in the param.* columns, which are not metrics), so a bound's metric path
    /// (request.sent_to_dead.rate) is turned into its column before it is matched.
    /// </summary>
    public const string MetricPattern = "^[a-z][a-z0-9_]*$";

    [GeneratedRegex(MetricPattern)]
    private static partial Regex MetricName();

    /// <summary>The expectation, or null with the problem and its 0-based offset in the text.</summary>
    public static Expectation? Parse(string text, out string? problem, out int offset)
    {
        problem = null;
        offset = 0;
        int opAt = -1;
        (string Text, BoundOperator Op) op = Operators[0];
        foreach (var candidate in Operators)
        {
            int at = text.IndexOf(candidate.Text, StringComparison.Ordinal);
            if (at >= 0 && (opAt < 0 || at < opAt)) (opAt, op) = (at, candidate);
        }
        if (opAt < 0)
            return Fail(out problem, out offset, 0, $"no comparison in '{text}': write METRIC.STAT OP BOUND, e.g. t100_s_mean.mean <= 3s (operators <, <=, >, >=, ==)");

        string left = text[..opAt];
        int leftStart = left.Length - left.TrimStart().Length;
        left = left.Trim();
        if (left.Length == 0) return Fail(out problem, out offset, opAt, "a metric name is missing before the comparison");
        string metric = left, statisticText = "";
        int dot = left.LastIndexOf('.');
        if (dot >= 0) (metric, statisticText) = (left[..dot], left[(dot + 1)..]);
        // A metric path (request.sent_to_dead.rate) names the runs.csv column with '_' for '.'
        // (request_sent_to_dead_rate); with two or more dots, the last part is a statistic only when it is one.
        if (dot >= 0 && metric.Contains('.') && !StatisticNames.ContainsKey(statisticText))
        {
            (metric, statisticText, dot) = (left, "", -1);
        }
        metric = metric.Replace('.', '_');
        if (!MetricName().IsMatch(metric))
            return Fail(out problem, out offset, leftStart, $"'{metric}' is not a metric name: use a runs.csv column such as t100_s_mean or bytes_per_node_s_max");

        ExpectStatistic statistic;
        if (dot < 0) statistic = op.Op is BoundOperator.Greater or BoundOperator.GreaterOrEqual ? ExpectStatistic.Min : ExpectStatistic.Max;
        else if (!StatisticNames.TryGetValue(statisticText, out statistic))
            return Fail(out problem, out offset, leftStart + dot + 1, $"unknown statistic '{statisticText}'{Model.Suggest.Hint(statisticText, StatisticNames.Keys)}; use one of {string.Join(", ", StatisticNames.Keys)}");

        int rightStart = opAt + op.Text.Length;
        string right = text[rightStart..];
        int numberStart = rightStart + right.Length - right.TrimStart().Length;
        right = right.Trim();
        var number = DecimalText.Number().Match(right);
        if (!number.Success)
            return Fail(out problem, out offset, numberStart, $"expected a number after '{op.Text}', got '{right}'");
        string unit = right[number.Length..].Trim();
        int unitAt = numberStart + number.Length + (right.Length - number.Length - right[number.Length..].TrimStart().Length);
        int exponent = 0;
        if (unit.Length > 0)
        {
            if (!Units.TryGetValue(unit, out var u))
                return Fail(out problem, out offset, unitAt, $"unknown unit '{unit}'{Model.Suggest.Hint(unit, Units.Keys)}; units: {string.Join(", ", Units.Keys)}");
            var kind = MetricKinds.Of(metric);
            if (u.Kind != kind)
                return Fail(out problem, out offset, unitAt, $"'{unit}' is {UnitName(u.Kind)}, but '{metric}' is {KindName(kind)}: {UnitsOf(kind)}");
            // Into the metric's own unit: 5ms on a metric in milliseconds is 5.
            exponent = u.Exponent - MetricKinds.Exponent(metric);
        }
        double value = DecimalText.Scaled(number, exponent);
        if (double.IsInfinity(value)) return Fail(out problem, out offset, numberStart, "the bound is too large");
        return new Expectation(text.Trim(), metric, statistic, op.Op, value);
    }

    private static string UnitName(MetricKind kind) => kind switch
    {
        MetricKind.Time => "a time unit",
        MetricKind.ByteRate => "a byte rate unit",
        _ => "a percentage",
    };

    private static string KindName(MetricKind kind) => kind switch
    {
        MetricKind.Time => "a time",
        MetricKind.ByteRate => "a byte rate",
        MetricKind.Fraction => "a fraction",
        _ => "a plain number",
    };

    /// <summary>How a bound on a metric of this kind is written, for an error about a unit that does not fit it.</summary>
    private static string UnitsOf(MetricKind kind)
    {
        var units = Units.Where(u => u.Value.Kind == kind).Select(u => u.Key).ToList();
        return units.Count switch
        {
            0 => "write its bound without a unit",
            1 => $"write its bound in {units[0]} or as a plain number",
            _ => $"write its bound in {string.Join(", ", units.SkipLast(1))} or {units[^1]}",
        };
    }

    private static Expectation? Fail(out string? problem, out int offset, int at, string message)
    {
        problem = message;
        offset = at;
        return null;
    }
}
