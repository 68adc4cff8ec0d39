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
/// Decides a constraint with confidence. The mean (and <c>ci_high</c>, read as the mean, since the
/// interval is what this rule adds) is given its confidence interval (<see cref="MetricEstimate"/>:
/// Student's t, or the exact Poisson interval of a rate of rare events); p95, max and min across
/// seeds are given the t interval's half-width on each side. An upper bound (<c>&lt;</c>,
/// <c>&lt;=</c>) holds when the interval's upper end is inside it and fails when even the lower end
/// is outside; a lower bound the other way round. A point is feasible only when every bound holds
/// in that sense, so an undecided point that runs out of seeds counts as infeasible: the search
/// never recommends a point it could not show to be within bounds.
/// </summary>
public static class Feasibility
{
    /// <param name="constraint">The bound.</param>
    /// <param name="values">The metric's value in each run of the point.</param>
    /// <param name="estimate">The metric's estimate over those runs.</param>
    public static FeasibilityState Decide(Expectation constraint, IReadOnlyList<double> values, MetricEstimate estimate)
    {
        if (values.Count == 0 || values.Any(double.IsNaN)) return FeasibilityState.Infeasible;
        (double, double) Around(double center) => (center - estimate.THalfWidth, center + estimate.THalfWidth);
        var (low, high) = constraint.Statistic switch
        {
            ExpectStatistic.P95 => Around(estimate.Statistics.P95),
            ExpectStatistic.Max => Around(values.Max()),
            ExpectStatistic.Min => Around(values.Min()),
            _ => (estimate.Low, estimate.High),
        };
        double worst = constraint.IsUpperBound ? high : low;
        double best = constraint.IsUpperBound ? low : high;
        if (constraint.Holds(worst)) return FeasibilityState.Feasible;
        return constraint.Holds(best) ? FeasibilityState.Undecided : FeasibilityState.Infeasible;
    }

    /// <summary>All constraints together: infeasible if any fails, feasible if all hold, else undecided.</summary>
    public static FeasibilityState Decide(IReadOnlyList<Expectation> constraints, Func<string, IReadOnlyList<double>> values, Func<string, MetricEstimate> estimates)
    {
        var states = constraints.Select(c => Decide(c, values(c.Metric), estimates(c.Metric))).ToList();
        if (states.Contains(FeasibilityState.Infeasible)) return FeasibilityState.Infeasible;
        return states.Contains(FeasibilityState.Undecided) ? FeasibilityState.Undecided : FeasibilityState.Feasible;
    }

    /// <summary>How far the point's mean is outside its bounds, as a sum of fractions of each bound; 0 when every mean is inside.</summary>
    public static double Violation(IReadOnlyList<Expectation> constraints, Func<string, IReadOnlyList<double>> values, Func<string, MetricEstimate> estimates)
    {
        double total = 0;
        foreach (var c in constraints)
        {
            var v = values(c.Metric);
            if (v.Count == 0 || v.Any(double.IsNaN)) return double.PositiveInfinity;
            total += Math.Max(0, -c.Margin(estimates(c.Metric).Mean));
        }
        return total;
    }
}
