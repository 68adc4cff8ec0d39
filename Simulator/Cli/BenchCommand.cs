using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim bench [WORKLOAD]</c>: times a named workload through the ordinary engine, protocol and
/// tracker code. bw1 is the baselines' workload (../shared/baselines); the others are scenario points
/// (<see cref="BenchWorkloads"/>) run exactly as <c>gossipsim run</c> runs them. One line per run
/// (events, events/s, wall, peak memory, bytes of simulator state per node), then the medians; or one
/// JSON document with <c>--json</c>. A workload estimated not to fit in memory is refused before it starts.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        string names = string.Join(", ", BenchWorkloads.Names);
        var workload = new Argument<string>("WORKLOAD") { Description = $"Workload: {names}", DefaultValueFactory = _ => BenchWorkloads.Bw1 };
        var nodes = new Option<int?>("--nodes") { Description = "Node count (default: the workload's)" };
        var duration = new Option<string?>("--duration") { Description = "Virtual time, e.g. 600s (default: the workload's)" };
        var seed = new Option<ulong>("--seed") { Description = "First seed", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Runs (seeds seed, seed+1, ...); medians are printed last", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (runs and medians) instead of text lines" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Refuse a workload estimated to need more (e.g. 20GB); default: the memory available" };
        var command = new Command("bench", $"Time a benchmark workload ({names}) and print events/s, wall and memory")
        {
            workload, nodes, duration, seed, runs, json, maxMemory,
        };
        command.SetAction(result => Cli.Guard(() =>
        {
            string name = result.GetValue(workload)!;
            if (!BenchWorkloads.Names.Contains(name)) throw new UserError($"bench: unknown workload '{name}'; workloads: {names}");
            int count = result.GetValue(runs);
            if (count < 1) throw new UserError("--runs: must be at least 1");
            string? limitText = result.GetValue(maxMemory);
            double available = limitText is null ? MemoryGuard.AvailableBytes()
                : MemoryGuard.ParseBytes(limitText) ?? throw new UserError($"--max-memory: '{limitText}' is not a size (e.g. 512MB, 8GB)");
            var plan = Plan(name, result.GetValue(nodes), result.GetValue(duration), available);
            bool asJson = result.GetValue(json);
            var measured = new List<BenchRun>();
            for (int i = 0; i < count; i++)
            {
                var run = Measure(plan.Setup(result.GetValue(seed) + (ulong)i));
                measured.Add(run);
                if (!asJson) Console.WriteLine(Line(name, run));
            }
            if (asJson) Console.WriteLine(Json(name, plan, measured));
            else if (count > 1) Console.WriteLine(Summary(name, measured));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>What to run: a setup per seed, and the memory estimate when the workload is a scenario point.</summary>
    private sealed record BenchPlan(int Nodes, long DurationUs, Func<ulong, RunSetup> Setup, double? EstimatedBytes);

    private static BenchPlan Plan(string name, int? nodes, string? durationText, double availableBytes)
    {
        long? durationUs = null;
        if (durationText is not null)
        {
            if (!DurationText.TryParse(durationText, out long us) || us <= 0)
                throw new UserError($"--duration: '{durationText}' is not a duration such as 600s or 10m");
            durationUs = us;
        }
        if (name == BenchWorkloads.Bw1)
        {
            int n = nodes ?? 1200;
            if (n < 5) throw new UserError("--nodes: must be at least 5 (bw1 sends to 3 distinct peers)");
            long d = durationUs ?? 600_000_000;
            return new BenchPlan(n, d, s => Bw1Workload.Setup(n, d, s), null);
        }
        var overrides = new List<string>();
        if (nodes is { } count) overrides.Add($"nodes={count}");
        if (durationText is not null) overrides.Add($"duration={durationText}");
        ScenarioSpec point;
        try
        {
            point = BenchWorkloads.Point(name, overrides);
        }
        catch (ScenarioException e)
        {
            throw new UserError(string.Join("; ", e.Errors.Select(x => x.ToString())));
        }
        var refusals = MemoryGuard.Check([point], 1, availableBytes);
        if (refusals.Count > 0) throw new UserError($"bench {name}: " + string.Join("; ", refusals) + "; nothing was run");
        return new BenchPlan(point.Nodes, point.DurationUs(), s => ScenarioCompiler.Compile(point, s), RunCost.Estimate(point).MemoryBytes);
    }

    /// <summary>One run, with the heap it holds measured at its end (after the timings are taken).</summary>
    private sealed record BenchRun(RunOutcome Outcome, long StateBytes, long AllocatedBytes, long PeakRssBytes, double LoadAverage);

    private static BenchRun Measure(RunSetup setup)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long allocated = 0, state = 0;
        var outcome = RunExecutor.Execute(setup, whileAlive: () =>
        {
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            state = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        });
        using var process = Process.GetCurrentProcess();
        return new BenchRun(outcome, state, allocated, process.PeakWorkingSet64, LoadAverage());
    }

    /// <summary>The 1-minute load average (Linux), so a figure measured on a busy machine says so; NaN elsewhere.</summary>
    private static double LoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    private static string Line(string name, BenchRun run)
    {
        var o = run.Outcome;
        string extra = name == BenchWorkloads.Bw1 ? Bw1Convergence(o) + " " : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"impl=gossipsim workload={name} n={o.Setup.Nodes} D_s={o.Setup.DurationUs / 1e6:0.###} seed={o.Setup.Seed} " +
            $"events={o.EventsProcessed} {extra}loop_s={o.LoopSeconds:F3} events_per_s={o.EventsProcessed / o.LoopSeconds:F0} " +
            $"wall_s={o.WallSeconds:F3} peak_rss_MiB={run.PeakRssBytes >> 20} state_MiB={run.StateBytes >> 20} " +
            $"state_bytes_per_node={run.StateBytes / (double)o.Setup.Nodes:F0} allocated_bytes_per_event={run.AllocatedBytes / (double)Math.Max(1, o.EventsProcessed):F2} " +
            $"load_avg={run.LoadAverage:0.00}");
    }

    /// <summary>The baselines' convergence figures for bw1: converged rumors, mean and p99 (nearest rank) of t100 in ms.</summary>
    private static string Bw1Convergence(RunOutcome o)
    {
        var converged = new List<double>();
        foreach (var e in o.Events) if (e.Converged) converged.Add(e.T100Us!.Value / 1000.0);
        converged.Sort();
        double mean = converged.Count == 0 ? double.NaN : converged.Average();
        double p99 = RunMetrics.NearestRank(converged.ToArray(), 0.99);
        return string.Create(CultureInfo.InvariantCulture,
            $"f={Bw1Workload.Fanout} converged={converged.Count}/{o.Events.Count} conv_mean_ms={mean:F1} conv_p99_ms={p99:F1}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Summary(string name, List<BenchRun> runs)
    {
        var loops = runs.Select(r => r.Outcome.LoopSeconds).OrderBy(x => x).ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"SUMMARY impl=gossipsim workload={name} n={runs[0].Outcome.Setup.Nodes} runs={runs.Count} " +
            $"loop_med_s={Median(loops):F3} loop_min_s={loops[0]:F3} loop_max_s={loops[^1]:F3} " +
            $"events_per_s_med={Median(runs.Select(r => r.Outcome.EventsProcessed / r.Outcome.LoopSeconds)):F0} " +
            $"wall_med_s={Median(runs.Select(r => r.Outcome.WallSeconds)):F3} peak_rss_MiB={runs.Max(r => r.PeakRssBytes) >> 20} " +
            $"state_bytes_per_node_med={Median(runs.Select(r => r.StateBytes / (double)r.Outcome.Setup.Nodes)):F0}");
    }

    private static string Json(string name, BenchPlan plan, List<BenchRun> runs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("workload", name);
            w.WriteNumber("nodes", plan.Nodes);
            w.WriteNumber("duration_s", plan.DurationUs / 1e6);
            if (plan.EstimatedBytes is { } estimate) w.WriteNumber("estimated_bytes", Math.Round(estimate));
            w.WriteNumber("processor_count", Environment.ProcessorCount);
            w.WriteString("tool_version", typeof(BenchCommand).Assembly.GetName().Version?.ToString());
            w.WriteStartArray("runs");
            foreach (var r in runs)
            {
                var o = r.Outcome;
                w.WriteStartObject();
                w.WriteNumber("seed", o.Setup.Seed);
                w.WriteNumber("events", o.EventsProcessed);
                w.WriteNumber("loop_s", Math.Round(o.LoopSeconds, 4));
                w.WriteNumber("events_per_s", Math.Round(o.EventsProcessed / o.LoopSeconds));
                w.WriteNumber("wall_s", Math.Round(o.WallSeconds, 4));
                w.WriteNumber("peak_rss_bytes", r.PeakRssBytes);
                w.WriteNumber("state_bytes", r.StateBytes);
                w.WriteNumber("state_bytes_per_node", Math.Round(r.StateBytes / (double)o.Setup.Nodes, 1));
                w.WriteNumber("allocated_bytes", r.AllocatedBytes);
                if (double.IsFinite(r.LoadAverage)) w.WriteNumber("load_average_1m", r.LoadAverage);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("median");
            w.WriteNumber("loop_s", Math.Round(Median(runs.Select(r => r.Outcome.LoopSeconds)), 4));
            w.WriteNumber("events_per_s", Math.Round(Median(runs.Select(r => r.Outcome.EventsProcessed / r.Outcome.LoopSeconds))));
            w.WriteNumber("wall_s", Math.Round(Median(runs.Select(r => r.Outcome.WallSeconds)), 4));
            w.WriteNumber("state_bytes_per_node", Math.Round(Median(runs.Select(r => r.StateBytes / (double)r.Outcome.Setup.Nodes)), 1));
            w.WriteNumber("peak_rss_bytes", runs.Max(r => r.PeakRssBytes));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
