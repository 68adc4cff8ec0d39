using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Every run a command will do, in a fixed order: scenarios in file order, sweep points in
/// order, seeds ascending. That order is the order of rows in the combined result files.
/// </summary>
public sealed class RunPlan
{
    private RunPlan(IReadOnlyList<RunSetup> runs) => Runs = runs;

    public IReadOnlyList<RunSetup> Runs { get; }

    /// <param name="points">Validated scenario points, in file order.</param>
    /// <param name="seed">Replaces each scenario's <c>seed</c> when given.</param>
    /// <param name="seeds">Replaces each scenario's <c>seeds</c> (replication count) when given.</param>
    public static RunPlan From(IEnumerable<ScenarioSpec> points, ulong? seed = null, int? seeds = null)
    {
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
