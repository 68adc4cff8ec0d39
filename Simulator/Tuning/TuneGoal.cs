using System.Text.RegularExpressions;
using GossipSim.Scenarios.Expectations;

namespace GossipSim.Simulator.Tuning;

/// <summary>A metric to make as small (or as large) as possible: its mean across seeds.</summary>
public sealed partial record TuneObjective(string Metric, bool Maximize)
{
    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex MetricName();

    /// <summary>A runs.csv column name (dots read as underscores, as in <c>expect:</c>), or null with the problem.</summary>
    public static TuneObjective? Parse(string text, bool maximize, out string? problem)
    {
        string metric = text.Trim().Replace('.', '_');
        problem = MetricName().IsMatch(metric) ? null : $"'{text}' is not a metric name: use a runs.csv column such as bytes_per_node_s_mean or detect_all_s";
        return problem is null ? new TuneObjective(metric, maximize) : null;
    }

    public string Text => (Maximize ? "maximize " : "minimize ") + Metric;

    /// <summary>The value turned so that smaller is always better.</summary>
    public double Cost(double value) => Maximize ? -value : value;
}

/// <summary>The objectives and constraints of one search, and the confidence its decisions are made at.</summary>
public sealed record TuneGoal(IReadOnlyList<TuneObjective> Objectives, IReadOnlyList<Expectation> Constraints, double Confidence)
{
    /// <summary>Every metric the search reads, objectives first.</summary>
    public IReadOnlyList<string> Metrics =>
        Objectives.Select(o => o.Metric).Concat(Constraints.Select(c => c.Metric)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A <c>--subject-to</c> expression in the <c>expect:</c> syntax; equality cannot be decided from samples, so it is refused.</summary>
    public static Expectation? ParseConstraint(string text, out string? problem)
    {
        var e = ExpectationParser.Parse(text, out problem, out _);
        if (e is { Operator: BoundOperator.Equal })
        {
            problem = "'==' cannot be decided from a sample of seeds: use <, <=, > or >=";
            return null;
        }
        return e;
    }
}
