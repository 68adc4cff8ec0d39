using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim bench</c>: the baselines' workload bw1 through the ordinary engine, network and
/// protocol code, printing one line per run in the baselines' format, then the medians.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var workload = new Argument<string>("WORKLOAD") { Description = "Workload (bw1)", DefaultValueFactory = _ => "bw1" };
        var nodes = new Option<int>("--nodes") { Description = "Node count", DefaultValueFactory = _ => 1200 };
        var duration = new Option<string>("--duration") { Description = "Virtual time (e.g. 600s)", DefaultValueFactory = _ => "600s" };
        var seed = new Option<ulong>("--seed") { Description = "First seed", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Runs (seeds seed, seed+1, ...); medians are printed last", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Time a benchmark workload and print events/s") { workload, nodes, duration, seed, runs };
        command.SetAction(result => Cli.Guard(() =>
        {
            string name = result.GetValue(workload)!;
            if (name != "bw1") throw new UserError($"bench: unknown workload '{name}'; workloads: bw1");
            int n = result.GetValue(nodes);
            if (n < 5) throw new UserError("--nodes: must be at least 5 (bw1 sends to 3 distinct peers)");
            if (!DurationText.TryParse(result.GetValue(duration)!, out long durationUs) || durationUs <= 0)
                throw new UserError($"--duration: '{result.GetValue(duration)}' is not a duration such as 600s or 10m");
            int count = result.GetValue(runs);
            if (count < 1) throw new UserError("--runs: must be at least 1");
            var loops = new List<double>();
            for (int i = 0; i < count; i++)
            {
                var outcome = RunExecutor.Execute(Bw1Workload.Setup(n, durationUs, result.GetValue(seed) + (ulong)i));
                loops.Add(outcome.LoopSeconds);
                Console.WriteLine(Line(outcome, durationUs));
            }
            if (count > 1)
            {
                loops.Sort();
                double median = loops[loops.Count / 2];
                Console.WriteLine(FormattableString.Invariant($"SUMMARY impl=gossipsim workload=bw1 n={n} runs={count} loop_med_s={median:F3} loop_min_s={loops[0]:F3} loop_max_s={loops[^1]:F3}"));
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Line(RunOutcome o, long durationUs)
    {
        var converged = o.Events.Where(e => e.Converged).Select(e => e.T100Us!.Value / 1000.0).OrderBy(x => x).ToArray();
        double mean = converged.Length == 0 ? double.NaN : converged.Average();
        double p99 = RunMetrics.NearestRank(converged, 0.99);
        long peakMb = Process.GetCurrentProcess().PeakWorkingSet64 >> 20;
        return string.Create(CultureInfo.InvariantCulture,
            $"impl=gossipsim workload=bw1 n={o.Setup.Nodes} f={Bw1Workload.Fanout} D_s={durationUs / 1e6:0.###} seed={o.Setup.Seed} " +
            $"events={o.EventsProcessed} converged={converged.Length}/{o.Events.Count} conv_mean_ms={mean:F1} conv_p99_ms={p99:F1} " +
            $"loop_s={o.LoopSeconds:F3} events_per_s={o.EventsProcessed / o.LoopSeconds:F0} wall_s={o.WallSeconds:F3} peak_rss_MiB={peakMb}");
    }
}
