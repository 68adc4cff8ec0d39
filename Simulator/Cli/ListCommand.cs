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
        var time = new Option<bool>("--time")
        {
            Description = "Measure events and wall time: run the first 10% (at least 2 s) of each point's virtual time and carry its pace to the full run",
        };
        var command = new Command("list", "List scenarios: sweep points, runs, estimated events and memory per run (and time, with --time)") { time };
        scenarios.AddTo(command);
        command.SetAction(result => Cli.Guard(() =>
        {
            var (_, points) = scenarios.Load(result);
            bool measure = result.GetValue(time);
            var header = new List<string> { "scenario", "tags", "points", "runs", "nodes", "events/run", "events total", "memory/run" };
            if (measure) header.AddRange(["time/run", "time total"]);
            var lines = new List<string[]> { header.ToArray() };
            double totalEvents = 0, totalSeconds = 0;
            long totalRuns = 0;
            // Measuring builds each point: one that cannot fit is refused as run would refuse it.
            if (measure) RunCommand.RequireMemory(points, 1, null);
            if (measure && points.Count > 0) RunTimeEstimate.Measure(points[0]); // pays the JIT's warm-up outside the figures
            foreach (var group in points.GroupBy(p => p.Name))
            {
                var costs = group.Select(p => (Point: p, Cost: RunCost.Estimate(p), Time: measure ? RunTimeEstimate.Measure(p) : null)).ToList();
                long runs = RunPlan.Count(group);
                double EventsOf((Scenarios.ScenarioSpec Point, RunCost Cost, RunTimeEstimate? Time) c) => c.Time?.Events ?? c.Cost.Events;
                double events = costs.Sum(c => EventsOf(c) * c.Point.Seeds);
                int minNodes = group.Min(p => p.Nodes), maxNodes = group.Max(p => p.Nodes);
                var line = new List<string>
                {
                    group.Key, string.Join(",", group.First().Tags), group.Count().ToString(), runs.ToString(),
                    minNodes == maxNodes ? minNodes.ToString() : $"{minNodes}-{maxNodes}",
                    RunCost.FormatCount(costs.Max(EventsOf)), RunCost.FormatCount(events),
                    RunCost.FormatBytes(costs.Max(c => c.Cost.MemoryBytes)),
                };
                if (measure)
                {
                    double seconds = costs.Sum(c => c.Time!.WallSeconds * c.Point.Seeds);
                    line.AddRange([RunTimeEstimate.FormatSeconds(costs.Max(c => c.Time!.WallSeconds)), RunTimeEstimate.FormatSeconds(seconds)]);
                    totalSeconds += seconds;
                }
                lines.Add(line.ToArray());
                totalEvents += events;
                totalRuns += runs;
            }
            var widths = Enumerable.Range(0, lines[0].Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
            foreach (var line in lines) Console.WriteLine(string.Join("  ", line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            Console.WriteLine(measure
                ? $"{totalRuns} runs, about {RunCost.FormatCount(totalEvents)} events and {RunTimeEstimate.FormatSeconds(totalSeconds)} of simulation on one core in all " +
                  "(events and time measured on the opening 10% of each point and carried on at its pace, good to about a factor of 1.5; memory/run is modelled, the largest point's)"
                : $"{totalRuns} runs, about {RunCost.FormatCount(totalEvents)} events in all " +
                  "(events and memory/run are estimates, good to about a factor of 2; memory/run is the largest point's; --time measures events and time)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
