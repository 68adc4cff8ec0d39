using System.CommandLine;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim list [FILE]</c>: each selected scenario with its sweep size, runs and estimated
/// cost (<see cref="RunCost"/>), so a sweep can be sized before anything runs.
/// </summary>
public static class ListCommand
{
    public static Command Create()
    {
        var scenarios = new ScenarioOptions();
        var command = new Command("list", "List scenarios: sweep points, runs, estimated events and memory per run");
        scenarios.AddTo(command);
        command.SetAction(result => Cli.Guard(() =>
        {
            var (_, points) = scenarios.Load(result);
            if (RunPlan.Problem(points) is { } problem) throw new UserError(problem);
            var lines = new List<string[]> { new[] { "scenario", "tags", "points", "runs", "nodes", "events/run", "events total", "memory/run" } };
            double totalEvents = 0;
            long totalRuns = 0;
            foreach (var group in points.GroupBy(p => p.Name))
            {
                var costs = group.Select(p => (Point: p, Cost: RunCost.Estimate(p))).ToList();
                long runs = RunPlan.Count(group);
                double events = costs.Sum(c => c.Cost.Events * c.Point.Seeds);
                int minNodes = group.Min(p => p.Nodes), maxNodes = group.Max(p => p.Nodes);
                lines.Add([
                    group.Key, string.Join(",", group.First().Tags), group.Count().ToString(), runs.ToString(),
                    minNodes == maxNodes ? minNodes.ToString() : $"{minNodes}-{maxNodes}",
                    RunCost.FormatCount(costs.Max(c => c.Cost.Events)), RunCost.FormatCount(events),
                    RunCost.FormatBytes(costs.Max(c => c.Cost.MemoryBytes)),
                ]);
                totalEvents += events;
                totalRuns += runs;
            }
            var widths = Enumerable.Range(0, lines[0].Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
            foreach (var line in lines) Console.WriteLine(string.Join("  ", line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            Console.WriteLine($"{totalRuns} runs, about {RunCost.FormatCount(totalEvents)} events in all " +
                "(events and memory/run are estimates, good to about a factor of 2; memory/run is the largest point's)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
