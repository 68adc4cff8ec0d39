using GossipSim.Scenarios.Expectations;

namespace GossipSim.Simulator.Tuning;

/// <summary>What the seeds run so far say about a point's constraints.</summary>
public enum FeasibilityState
{
    /// <summary>Every bound holds at the far end of its confidence interval.</summary>
    Feasible,
    /// <summary>Some bound fails even at the near end of its interval, or a run failed or lacked a metric.</summary>
    Infeasible,
    /// <summary>Some bound lies inside its interval: more seeds may decide it.</summary>
    Undecided,
}

/// <summary>
/// Decides a constraint with confidence. The statistic the expression names (the mean, or p95,
/// max, min across seeds; <c>ci_high</c> is read as the mean, since the interval is what this
/// rule adds) is given an interval of the mean's confidence half-width around it. An upper
/// bound (<c>&lt;</c>, <c>&lt;=</c>) holds when the interval's upper end is inside it and fails when
/// even the lower end is outside; a lower bound the other way round. A point is feasible only
/// when every bound holds in that sense, so an undecided point that runs out of seeds counts as
/// infeasible: the search never recommends a point it could not show to be within bounds.
/// </summary>
public static class Feasibility
{
    public static FeasibilityState Decide(Expectation constraint, IReadOnlyList<double> values, double confidence)
    {
        if (values.Count == 0 || values.Any(double.IsNaN)) return FeasibilityState.Infeasible;
        var estimate = MetricEstimate.Of(values, confidence);
        double center = constraint.Statistic switch
        {
            ExpectStatistic.P95 => estimate.Statistics.P95,
            ExpectStatistic.Max => values.Max(),
            ExpectStatistic.Min => values.Min(),
            _ => estimate.Mean,
        };
        double half = estimate.HalfWidth;
        double worst = constraint.IsUpperBound ? center + half : center - half;
        double best = constraint.IsUpperBound ? center - half : center + half;
        if (constraint.Holds(worst)) return FeasibilityState.Feasible;
        return constraint.Holds(best) ? FeasibilityState.Undecided : FeasibilityState.Infeasible;
    }

    /// <summary>All constraints together: infeasible if any fails, feasible if all hold, else undecided.</summary>
    public static FeasibilityState Decide(IReadOnlyList<Expectation> constraints, Func<string, IReadOnlyList<double>> values, double confidence)
    {
        var states = constraints.Select(c => Decide(c, values(c.Metric), confidence)).ToList();
        if (states.Contains(FeasibilityState.Infeasible)) return FeasibilityState.Infeasible;
        return states.Contains(FeasibilityState.Undecided) ? FeasibilityState.Undecided : FeasibilityState.Feasible;
    }

    /// <summary>How far the point's mean is outside its bounds, as a sum of fractions of each bound; 0 when every mean is inside.</summary>
    public static double Violation(IReadOnlyList<Expectation> constraints, Func<string, IReadOnlyList<double>> values)
    {
        double total = 0;
        foreach (var c in constraints)
        {
            var v = values(c.Metric);
            if (v.Count == 0 || v.Any(double.IsNaN)) return double.PositiveInfinity;
            total += Math.Max(0, -c.Margin(v.Average()));
        }
        return total;
    }
}
