using System.Globalization;
using System.Text.RegularExpressions;

namespace GossipSim.Scenarios.Expectations;

/// <summary>
/// Parses <c>METRIC[.STAT] OP NUMBER[UNIT]</c>. STAT is mean, p95, max, min or ci_high; without it
/// the bound holds for every run (max for an upper bound, min for a lower one). Units: s, ms, us
/// for time metrics (named with an <c>_s</c> unit), B/s, KB/s, MB/s for byte rates, % for fractions.
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

    private static readonly Dictionary<string, (double Factor, string Kind)> Units = new(StringComparer.Ordinal)
    {
        ["s"] = (1, "time"),
        ["ms"] = (1e-3, "time"),
        ["us"] = (1e-6, "time"),
        ["B/s"] = (1, "rate"),
        ["KB/s"] = (1e3, "rate"),
        ["MB/s"] = (1e6, "rate"),
        ["%"] = (0.01, "fraction"),
    };

    /// <summary>
    /// A runs.csv metric column: lower-case letters, digits and '_'. No column has a dot (dots only
    /// appear in the param.* columns, which are not metrics), so a bound's metric path
    /// (request.sent_to_dead.rate) is turned into its column before it is matched.
    /// </summary>
    public const string MetricPattern = "^[a-z][a-z0-9_]*$";

    [GeneratedRegex(MetricPattern)]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")]
    private static partial Regex Number();

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
        var number = Number().Match(right);
        if (!number.Success)
            return Fail(out problem, out offset, numberStart, $"expected a number after '{op.Text}', got '{right}'");
        double value = double.Parse(number.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        string unit = right[number.Length..].Trim();
        int unitAt = numberStart + number.Length + (right.Length - number.Length - right[number.Length..].TrimStart().Length);
        if (unit.Length > 0)
        {
            if (!Units.TryGetValue(unit, out var u))
                return Fail(out problem, out offset, unitAt, $"unknown unit '{unit}'{Model.Suggest.Hint(unit, Units.Keys)}; units: {string.Join(", ", Units.Keys)}");
            string? mismatch = u.Kind switch
            {
                "time" when !IsTimeMetric(metric) => $"'{unit}' is a time unit but '{metric}' is not a time in seconds (no _s unit in its name)",
                "rate" when !metric.StartsWith("bytes_per", StringComparison.Ordinal) => $"'{unit}' is a byte rate but '{metric}' is not a bytes_per_... metric",
                _ => null,
            };
            if (mismatch is not null) return Fail(out problem, out offset, unitAt, mismatch);
            value *= u.Factor;
        }
        if (double.IsInfinity(value)) return Fail(out problem, out offset, numberStart, "the bound is too large");
        return new Expectation(text.Trim(), metric, statistic, op.Op, value);
    }

    /// <summary>Metric names carry their unit last-ish: t99_s, t100_s_mean, detect_all_s. Byte and message rates end in _s too but are not times.</summary>
    private static bool IsTimeMetric(string metric) =>
        metric.Split('_').Contains("s") && !metric.StartsWith("bytes_per", StringComparison.Ordinal) && !metric.StartsWith("msgs_per", StringComparison.Ordinal)
        && !metric.StartsWith("events_per", StringComparison.Ordinal);

    private static Expectation? Fail(out string? problem, out int offset, int at, string message)
    {
        problem = message;
        offset = at;
        return null;
    }
}
