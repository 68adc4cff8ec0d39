using System.CommandLine;
using System.Globalization;
using GossipSim.Scenarios;
using GossipSim.Scenarios.Model;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim bench</c>: a named workload (<see cref="BenchWorkloads"/>) through the ordinary
/// engine, network and protocol code; one line (or JSON object) per run, then the medians. bw1
/// prints in the baselines' own line format.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var workload = new Argument<string>("WORKLOAD") { Description = "Workload: " + string.Join(", ", BenchWorkloads.Names), DefaultValueFactory = _ => BenchWorkloads.Bw1 };
        var nodes = new Option<int?>("--nodes") { Description = "Node count (default: the workload's)" };
        var duration = new Option<string?>("--duration") { Description = "Virtual time, e.g. 600s (default: the workload's)" };
        var seed = new Option<ulong>("--seed") { Description = "First seed", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Runs (seeds seed, seed+1, ...); medians are printed last", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "One JSON object per run (and one for the medians) instead of text lines, for tracking" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Refuse a workload estimated to need more than this (default: memory available)" };
        var threads = RunCommand.ThreadsOption();
        var command = new Command("bench", "Time a named workload and print events/s, wall time and memory") { workload, nodes, duration, seed, runs, json, maxMemory, threads };
        command.SetAction(result => Cli.Guard(() =>
        {
            string name = result.GetValue(workload)!;
            if (!BenchWorkloads.Names.Contains(name))
                throw new UserError($"bench: unknown workload '{name}' (workloads: {string.Join(", ", BenchWorkloads.Names)}){Suggest.Hint(name, BenchWorkloads.Names)}");
            int? n = result.GetValue(nodes);
            long? durationUs = null;
            if (result.GetValue(duration) is { } text)
            {
                if (!DurationText.TryParse(text, out long us) || us <= 0) throw new UserError($"--duration: '{text}' is not a duration such as 600s or 10m");
                durationUs = us;
            }
            int count = result.GetValue(runs);
            if (count < 1) throw new UserError("--runs: must be at least 1");
            int threadCount = RunCommand.Threads(result, threads);
            RunCommand.NoteIfOversubscribed($"--threads {threadCount}", threadCount);
            double? memoryLimit = RunCommand.MemoryLimit(result.GetValue(maxMemory));
            Func<ulong, RunSetup> setup = name == BenchWorkloads.Bw1
                ? Bw1Setup(n, durationUs, memoryLimit)
                : ScenarioSetup(name, n, result.GetValue(duration), memoryLimit);
            var measured = new List<BenchResult>();
            for (int i = 0; i < count; i++)
            {
                var outcome = RunExecutor.Execute(setup(result.GetValue(seed) + (ulong)i), threads: threadCount);
                var run = BenchResult.Of(name, outcome);
                measured.Add(run);
                Console.WriteLine(result.GetValue(json) ? run.Json() : name == BenchWorkloads.Bw1 ? Bw1Line(outcome, run) : run.Line());
            }
            if (count > 1) Console.WriteLine(result.GetValue(json) ? BenchResult.MedianJson(measured) : BenchResult.MedianLine(measured));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Func<ulong, RunSetup> Bw1Setup(int? nodes, long? durationUs, double? maxMemoryBytes)
    {
        int n = nodes ?? 1200;
        if (n < 5) throw new UserError("--nodes: must be at least 5 (bw1 sends to 3 distinct peers)");
        double needed = Bw1Workload.EstimatedBytes(n), limit = maxMemoryBytes ?? MemoryGuard.AvailableBytes();
        if (needed > limit)
            throw new UserError($"bw1 at {n:N0} nodes needs about {RunCost.FormatBytes(needed)}, more than the {RunCost.FormatBytes(limit)} "
                + "available (or given by --max-memory); lower --nodes\nnothing was run");
        long d = durationUs ?? 600_000_000;
        return seed => Bw1Workload.Setup(n, d, seed);
    }

    /// <summary>A scenario workload: --nodes and --duration act as --set overrides; refused up front if it cannot fit in memory.</summary>
    private static Func<ulong, RunSetup> ScenarioSetup(string name, int? nodes, string? duration, double? maxMemoryBytes)
    {
        var overrides = new List<string>();
        if (nodes is { } n) overrides.Add($"nodes={n}");
        if (duration is not null) overrides.Add($"duration={duration}");
        ScenarioSpec point;
        try
        {
            point = BenchWorkloads.Point(name, overrides)!;
        }
        catch (ScenarioException e)
        {
            throw new UserError(e.Message);
        }
        RunCommand.RequireMemory([point], 1, maxMemoryBytes);
        return seed => ScenarioCompiler.Compile(point, seed);
    }

    /// <summary>The baselines' line format (impl=... events=... conv_mean_ms=...), so bw1 figures sit beside theirs.</summary>
    private static string Bw1Line(RunOutcome o, BenchResult run)
    {
        long durationUs = o.Setup.DurationUs;
        var converged = o.Events.Where(e => e.Converged).Select(e => e.T100Us!.Value / 1000.0).OrderBy(x => x).ToArray();
        double mean = converged.Length == 0 ? double.NaN : converged.Average();
        double p99 = RunMetrics.NearestRank(converged, 0.99);
        return string.Create(CultureInfo.InvariantCulture,
            $"impl=gossipsim workload=bw1 n={o.Setup.Nodes} f={Bw1Workload.Fanout} D_s={durationUs / 1e6:0.###} seed={o.Setup.Seed} " +
            $"events={o.EventsProcessed} converged={converged.Length}/{o.Events.Count} conv_mean_ms={mean:F1} conv_p99_ms={p99:F1} " +
            $"loop_s={o.LoopSeconds:F3} events_per_s={o.EventsProcessed / o.LoopSeconds:F0} wall_s={o.WallSeconds:F3} peak_rss_MiB={run.PeakRssMiB} threads={o.Threads}");
    }
}
