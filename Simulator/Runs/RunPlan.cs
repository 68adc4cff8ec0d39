using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Every run a command will do, in a fixed order: scenarios in file order, sweep points in
/// order, seeds ascending. That order is the order of rows in the combined result files.
/// </summary>
public sealed class RunPlan
{
    /// <summary>The most runs one plan may hold (<see cref="ScenarioLimits.MaxRuns"/>).</summary>
    public const long MaxRuns = ScenarioLimits.MaxRuns;

    private RunPlan(IReadOnlyList<RunSetup> runs) => Runs = runs;

    public IReadOnlyList<RunSetup> Runs { get; }

    /// <summary>How many runs the plan of these points holds, counted without making any.</summary>
    public static long Count(IEnumerable<ScenarioSpec> points, int? seeds = null) => points.Sum(p => (long)(seeds ?? p.Seeds));

    /// <summary>
    /// Why these points with these --seed and --seeds cannot make a plan; null when they can. The
    /// loader has held a file's own seeds to both limits, at the line and column of its keys.
    /// </summary>
    public static string? Problem(IReadOnlyList<ScenarioSpec> points, ulong? seed = null, int? seeds = null)
    {
        long count = Count(points, seeds);
        if (count > MaxRuns)
            return $"the plan has {count:N0} runs ({points.Count:N0} sweep points x seeds); the limit is {MaxRuns:N0}: lower seeds or the sweep";
        foreach (var point in points)
        {
            if (ScenarioLimits.SeedRangeProblem(seed ?? point.Seed, (ulong)(seeds ?? point.Seeds)) is { } why)
                return $"scenario '{point}': {why}";
        }
        return null;
    }


    /// <param name="points">Validated scenario points, in file order.</param>
    /// <param name="seed">Replaces each scenario's <c>seed</c> when given.</param>
    /// <param name="seeds">Replaces each scenario's <c>seeds</c> (replication count) when given.</param>
    /// <exception cref="PlanException">The plan is larger than <see cref="MaxRuns"/> or its seeds pass 2^64-1.</exception>
    public static RunPlan From(IReadOnlyList<ScenarioSpec> points, ulong? seed = null, int? seeds = null)
    {
        if (Problem(points, seed, seeds) is { } problem) throw new PlanException(problem);
        var runs = new List<RunSetup>();
        foreach (var point in points)
        {
            ulong first = seed ?? point.Seed;
            int count = seeds ?? point.Seeds;
            double events = RunCost.Estimate(point).Events;
            for (int i = 0; i < count; i++) runs.Add(ScenarioCompiler.Compile(point, first + (ulong)i) with { EstimatedEvents = events });
        }
        return new RunPlan(runs);
    }
}

/// <summary>A plan that must not be made: bad input, reported as such.</summary>
public sealed class PlanException(string message) : Exception(message);
