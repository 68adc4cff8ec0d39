using GossipSim.Simulator.Tuning;

namespace GossipSim.Tests.Tuning;

/// <summary>The search on synthetic problems whose answers are known by enumeration.</summary>
public class TuneSearchTests
{
    // A 10 x 10 lattice. "bytes" grows with both levels; "t99" falls with them; the bound
    // t99 <= 5.5 needs 2a + 3b >= 15 (0.5 of slack on that line, so noise can be seen through),
    // and the cheapest feasible point is (0, 5) with bytes 10; the next cheapest costs 11.
    private static readonly TuneSpace Space = new([Levels("a", 10), Levels("b", 10)]);

    private static readonly Dictionary<string, Func<IReadOnlyList<int>, double>> Metrics = new()
    {
        ["bytes"] = l => 3 * l[0] + 2 * l[1],
        ["t99_s"] = l => 20 - 2 * l[0] - 3 * l[1],
    };

    private static TuneParameter Levels(string path, int n) =>
        new(path, Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), false);

    private static TuneGoal Goal(params TuneObjective[] objectives) =>
        new(objectives, [TuneGoal.ParseConstraint("t99_s.mean <= 5.5s", out _)!], 0.95);

    private static (int A, int B) TrueBest()
    {
        var feasible = Enumerable.Range(0, 10).SelectMany(a => Enumerable.Range(0, 10).Select(b => (A: a, B: b)))
            .Where(p => Metrics["t99_s"]([p.A, p.B]) <= 5.5).ToList();
        double best = feasible.Min(p => Metrics["bytes"]([p.A, p.B]));
        return feasible.Where(p => Metrics["bytes"]([p.A, p.B]) == best).OrderBy(p => p.A).First();
    }

    /// <summary>
    /// No point ever declares a live node dead, but the points differ in exposure: 10, 110 and 210
    /// observer node-hours a run. The cheapest has the least, and three seeds of it (30 node-hours)
    /// put the rate's exact Poisson interval at [0, 3.689 / 30 = 0.123], far from showing a bound of
    /// 0.01; only 630 node-hours (0.0059) do. The interval tune reports is the report's for the same
    /// runs, where a t interval over the per-run rates, all 0, was [0, 0] at every point.
    /// </summary>
    [Test]
    public void RareEventRate_IsShownWithinItsBoundOnlyByEnoughExposure()
    {
        var space = new TuneSpace([Levels("a", 3)]);
        var metrics = new Dictionary<string, Func<IReadOnlyList<int>, double>>
        {
            ["bytes"] = l => l[0],
            ["fp_per_node_hour"] = _ => 0,
            ["fp_declarations"] = _ => 0,
            ["observer_node_hours"] = l => 10 + 100 * l[0],
        };
        var goal = new TuneGoal([new TuneObjective("bytes", false)], [TuneGoal.ParseConstraint("fp_per_node_hour.mean < 0.01", out _)!], 0.95);
        var result = new TuneSearch(space, goal, new TuneSettings(100, 3, 3, 1, Exhaustive: true), new SyntheticEvaluator(metrics, 0)).Run();

        Assert.That(result.Recommended!.Levels, Is.EqualTo(new[] { 2 }));
        var cheapest = result.Points.Single(p => p.Levels[0] == 0);
        Assert.That(cheapest.State, Is.EqualTo(FeasibilityState.Undecided));
        Assert.That(cheapest.Estimates["fp_per_node_hour"].High, Is.EqualTo(3.688879 / 30).Within(1e-6));
    }

    [Test]
    public void Exhaustive_FrontIsTheNonDominatedFeasibleSet()
    {
        // Two objectives with no noise: bytes down, and "speed" (a squared plus b) up.
        var metrics = new Dictionary<string, Func<IReadOnlyList<int>, double>>(Metrics) { ["speed"] = l => l[0] * l[0] + l[1] };
        var goal = Goal(new TuneObjective("bytes", false), new TuneObjective("speed", true));
        var result = new TuneSearch(Space, goal, new TuneSettings(1000, 3, 3, 1, Exhaustive: true), new SyntheticEvaluator(metrics, 0)).Run();

        var all = Enumerable.Range(0, 100).Select(i => Space.At(i)).Where(l => metrics["t99_s"](l) <= 5.5).ToList();
        var expected = all.Where(p => !all.Any(q =>
                metrics["bytes"](q) <= metrics["bytes"](p) && metrics["speed"](q) >= metrics["speed"](p)
                && (metrics["bytes"](q) < metrics["bytes"](p) || metrics["speed"](q) > metrics["speed"](p))))
            .Select(TuneSpace.Key).Order().ToList();
        Assert.That(result.Front.Select(p => TuneSpace.Key(p.Levels)).Order().ToList(), Is.EqualTo(expected));
        Assert.That(result.Points.Where(p => p.State == FeasibilityState.Feasible).Count(), Is.EqualTo(all.Count), "noise-free points are decided exactly");
        Assert.That(result.Recommended!.OnFront, Is.True);
    }

    [Test]
    public void Adaptive_FindsTheBestFeasiblePoint_WithAThirdOfTheGridsRuns()
    {
        var evaluator = new SyntheticEvaluator(Metrics, 0.2);
        var settings = new TuneSettings(100 * 4 / 3, 3, 4, 7, Exhaustive: false);
        var result = new TuneSearch(Space, Goal(new TuneObjective("bytes", false)), settings, evaluator).Run();

        var (a, b) = TrueBest();
        Assert.That(result.Recommended, Is.Not.Null);
        double found = Metrics["bytes"](result.Recommended!.Levels);
        // Noise of 0.2 (sd) against a gap of 1 to the next point: the search must find the point itself.
        Assert.That(found, Is.EqualTo(Metrics["bytes"]([a, b])), $"recommended {TuneSpace.Key(result.Recommended.Levels)}, best {a},{b}");
        Assert.That(Metrics["t99_s"](result.Recommended.Levels), Is.LessThanOrEqualTo(5.5), "the recommendation really is feasible");
        Assert.That(evaluator.Runs, Is.LessThanOrEqualTo(settings.Budget));
        Assert.That(result.Points, Has.Count.LessThan(100), "a search, not the whole grid");
    }

    [Test]
    public void SeedsGoWhereTheDecisionIsClose()
    {
        var settings = new TuneSettings(130, 3, 8, 7, Exhaustive: false);
        var result = new TuneSearch(Space, Goal(new TuneObjective("bytes", false)), settings, new SyntheticEvaluator(Metrics, 1.0)).Run();
        Assert.That(result.Points.Any(p => p.Seeds > settings.SeedsMin), Is.True, "close decisions are raced");
        // With noise 1, three seeds give a 95% half-width near 2.5: a point 12 over the best cost, or
        // 12 over the bound, is beaten or infeasible after its first seeds and never raced.
        double best = Metrics["bytes"](result.Recommended!.Levels);
        var far = result.Points.Where(p => Metrics["bytes"](p.Levels) - best > 12 || Metrics["t99_s"](p.Levels) - 5.5 > 12).ToList();
        Assert.That(far, Is.Not.Empty);
        Assert.That(far.Select(p => p.Seeds), Has.All.EqualTo(settings.SeedsMin));
    }

    [Test]
    public void SameSettings_SameSearch()
    {
        TuneResult Once(out List<string> log)
        {
            var evaluator = new SyntheticEvaluator(Metrics, 0.5);
            var r = new TuneSearch(Space, Goal(new TuneObjective("bytes", false)), new TuneSettings(90, 3, 6, 11, false), evaluator).Run();
            log = evaluator.Log;
            return r;
        }
        var first = Once(out var firstLog);
        var second = Once(out var secondLog);
        Assert.That(secondLog, Is.EqualTo(firstLog));
        Assert.That(second.Recommended!.Id, Is.EqualTo(first.Recommended!.Id));
    }

    [Test]
    public void InitialDesign_SpreadsOverTheSpace()
    {
        var design = SpaceFillingDesign.Select(Space, 8, 3);
        Assert.That(design.Select(TuneSpace.Key).Distinct().Count(), Is.EqualTo(8));
        double closest = design.SelectMany((p, i) => design.Skip(i + 1).Select(q => Space.Distance(p, q))).Min();
        // Eight points in the unit square: a maximin design keeps them at least ~0.3 apart; a cluster would not.
        Assert.That(closest, Is.GreaterThan(0.3));
    }

    [Test]
    public void Maximize_TurnsTheCostAround() =>
        Assert.That(new TuneObjective("x", Maximize: true).Cost(3), Is.EqualTo(-3));

    [Test]
    public void ParetoDominance()
    {
        Assert.That(ParetoFront.Dominates([1, 2], [1, 3]), Is.True);
        Assert.That(ParetoFront.Dominates([1, 3], [1, 3]), Is.False);
        Assert.That(ParetoFront.Of([[1.0, 3.0], [2.0, 2.0], [2.0, 3.0], [3.0, 1.0]]), Is.EqualTo(new[] { 0, 1, 3 }));
    }
}

/// <summary>The surrogate reproduces the functions it can represent exactly.</summary>
public class SurrogateTests
{
    private static readonly double[][] Grid = Enumerable.Range(0, 5).SelectMany(i => Enumerable.Range(0, 5).Select(j => new[] { i / 4.0, j / 4.0 })).ToArray();

    [Test]
    public void Quadratic_IsFittedExactly()
    {
        static double F(double[] x) => 1 - 2 * x[0] + 3 * x[1] * x[1] - x[0] * x[1];
        var model = Surrogate.Fit(Grid, Grid.Select(F).ToList())!;
        Assert.That(model.Predict([0.3, 0.7]), Is.EqualTo(F([0.3, 0.7])).Within(1e-9));
    }

    [Test]
    public void PositiveValues_AreFittedOnTheLogScale()
    {
        // A power law in the settings is a plane in the logs: exact on the log scale, not on the values.
        static double F(double[] x) => 5 * Math.Exp(2 * x[0] - 3 * x[1]);
        var model = Surrogate.Fit(Grid, Grid.Select(F).ToList())!;
        Assert.That(model.Predict([0.9, 0.1]), Is.EqualTo(F([0.9, 0.1])).Within(1e-9));
    }

    [Test]
    public void TooFewPoints_NoModel() =>
        Assert.That(Surrogate.Fit(Grid.Take(3).ToList(), [1.0, 2.0, 3.0]), Is.Null);
}
