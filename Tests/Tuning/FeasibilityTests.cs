using GossipSim.Simulator.Tuning;

namespace GossipSim.Tests.Tuning;

/// <summary>
/// Feasibility with confidence. Values 1, 2, 3 have mean 2 and sd 1; Student's t with 2 degrees
/// of freedom gives half-widths 4.303 / sqrt 3 = 2.484 at 95% and 1.886 / sqrt 3 = 1.089 at 80%.
/// </summary>
public class FeasibilityTests
{
    private static readonly double[] Values = [1, 2, 3];

    private static FeasibilityState Decide(string constraint, IReadOnlyList<double> values, double confidence = 0.95) =>
        Feasibility.Decide(TuneGoal.ParseConstraint(constraint, out _)!, values, MetricEstimate.Of(values, confidence));

    [TestCase("x.mean <= 4.5", FeasibilityState.Feasible)] // upper end 4.484 is inside
    [TestCase("x.mean <= 4.4", FeasibilityState.Undecided)] // the mean is inside, the upper end is not
    [TestCase("x.mean <= -0.5", FeasibilityState.Infeasible)] // even the lower end -0.484 is outside
    [TestCase("x.mean >= -0.49", FeasibilityState.Feasible)] // lower end -0.484 is inside
    [TestCase("x.mean >= -0.45", FeasibilityState.Undecided)] // lower end outside, mean inside
    [TestCase("x.mean > 4.5", FeasibilityState.Infeasible)] // even the upper end 4.484 is outside
    public void Bounds_AreDecidedAtTheEndsOfTheInterval(string constraint, FeasibilityState expected) =>
        Assert.That(Decide(constraint, Values), Is.EqualTo(expected));

    [Test]
    public void LowerConfidence_NarrowsTheInterval()
    {
        Assert.That(Decide("x.mean <= 3.1", Values, 0.95), Is.EqualTo(FeasibilityState.Undecided));
        Assert.That(Decide("x.mean <= 3.1", Values, 0.80), Is.EqualTo(FeasibilityState.Feasible), "2 + 1.089 = 3.089 <= 3.1");
    }

    [Test]
    public void OneSeed_IsNeverDecidedFeasible() =>
        Assert.That(Decide("x.mean <= 1000", [1.0]), Is.EqualTo(FeasibilityState.Undecided));

    [Test]
    public void AMissingValue_IsInfeasible() =>
        Assert.That(Decide("x.mean <= 1000", [1.0, double.NaN, 2.0]), Is.EqualTo(FeasibilityState.Infeasible));

    [Test]
    public void MaxStatistic_ShiftsTheLargestRunByTheHalfWidth()
    {
        // max 3 + 2.484 = 5.484
        Assert.That(Decide("x.max <= 5.5", Values), Is.EqualTo(FeasibilityState.Feasible));
        Assert.That(Decide("x <= 5.4", Values), Is.EqualTo(FeasibilityState.Undecided), "no statistic on an upper bound means max");
    }

    [Test]
    public void IdenticalSeeds_DecideAtOnce() =>
        Assert.That(Decide("x.mean < 0.01", [0.0, 0.0, 0.0]), Is.EqualTo(FeasibilityState.Feasible));

    /// <summary>
    /// Three seeds without a false death in 100 observer node-hours: the exact Poisson interval of
    /// the pooled rate is [0, 3.689 / 100] at 95%, so a bound of 0.01 is not shown, though every
    /// seed's rate is 0; with 400 node-hours the upper end 0.0092 is inside it.
    /// </summary>
    [TestCase(100, FeasibilityState.Undecided)]
    [TestCase(400, FeasibilityState.Feasible)]
    public void RareEventRate_IsDecidedByItsPoissonInterval(double nodeHours, FeasibilityState expected)
    {
        double[] rates = [0, 0, 0];
        var estimate = MetricEstimate.Of(rates, 0.95, GossipSim.Analysis.PoissonRate.Of(0, nodeHours));
        Assert.That(Feasibility.Decide(TuneGoal.ParseConstraint("fp_per_node_hour.mean < 0.01", out _)!, rates, estimate), Is.EqualTo(expected));
    }

    [Test]
    public void Equality_IsRefused()
    {
        Assert.That(TuneGoal.ParseConstraint("x.mean == 1", out string? problem), Is.Null);
        Assert.That(problem, Does.Contain("'=='"));
    }
}
