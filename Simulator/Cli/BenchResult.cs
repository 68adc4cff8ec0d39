using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// One timed bench run: events, loop and whole-run wall time, peak memory. Peak RSS is the
/// process's (it includes the runtime, about 70 MB); per node it is what is above that base.
/// </summary>
/// <param name="Converged">Cluster events (updates, crashes...) every observer learned, of <paramref name="ClusterEvents"/>.</param>
/// <param name="T100MaxS">The slowest converged event's t100; null when none converged.</param>
/// <param name="Workload">The bench workload's name.</param>
/// <param name="Nodes">Cluster size.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Events">Events the loop processed.</param>
/// <param name="LoopS">Seconds in the event loop.</param>
/// <param name="WallS">Seconds for the whole run: setup, loop and results.</param>
/// <param name="PeakRssMiB">The process's peak resident memory.</param>
/// <param name="ClusterEvents">Cluster events the run tracked.</param>
/// <param name="Detection">For a run with crashes, its detection columns as runs.csv has them (first suspicion, first death mark, every observer's death mark); empty otherwise.</param>
/// <param name="Threads">Threads the run was split across (1 when it ran on one, whatever --threads asked).</param>
public sealed record BenchResult(string Workload, int Nodes, ulong Seed, long Events, double LoopS, double WallS, long PeakRssMiB,
    int Converged, int ClusterEvents, double? T100MaxS, IReadOnlyList<KeyValuePair<string, string>> Detection, int Threads)
{
    /// <summary>The detection columns a crash workload reports, so that a timed run at scale also says what it found.</summary>
    private static readonly string[] DetectionColumns = ["detect_first_suspect_s", "detect_first_s", "detect_all_s"];

    public double EventsPerS => Events / LoopS;

    /// <summary>Peak RSS above the runtime base, per node: simulator state plus trackers, in bytes.</summary>
    public double RssPerNodeB => Math.Max(0, PeakRssMiB * 1048576.0 - RunCost.RuntimeBaseBytes) / Nodes;

    public static BenchResult Of(string workload, RunOutcome o)
    {
        var converged = o.Events.Where(e => e.Converged).ToList();
        return new(workload, o.Setup.Nodes, o.Setup.Seed, o.EventsProcessed, o.LoopSeconds, o.WallSeconds,
            Process.GetCurrentProcess().PeakWorkingSet64 >> 20, converged.Count, o.Events.Count,
            converged.Count == 0 ? null : converged.Max(e => e.T100Us ?? 0) / 1e6,
            [.. DetectionColumns.Select(c => new KeyValuePair<string, string>(c, o.Row.Get(c) ?? "")).Where(c => c.Value != "")], o.Threads);
    }

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"impl=gossipsim workload={Workload} n={Nodes} seed={Seed} events={Events} loop_s={LoopS:F3} " +
        $"events_per_s={EventsPerS:F0} wall_s={WallS:F3} peak_rss_MiB={PeakRssMiB} rss_per_node_B={RssPerNodeB:F0} " +
        $"converged={Converged}/{ClusterEvents} t100_max_s={(T100MaxS is { } t ? t.ToString("F3", CultureInfo.InvariantCulture) : "none")}" +
        $"{string.Concat(Detection.Select(c => $" {c.Key}={c.Value}"))} threads={Threads}");

    // Keys as the text line's: snake_case, units last.
    public string Json() => JsonSerializer.Serialize(new
    {
        workload = Workload, nodes = Nodes, seed = Seed, threads = Threads, events = Events, loop_s = LoopS, events_per_s = EventsPerS,
        wall_s = WallS, peak_rss_MiB = PeakRssMiB, rss_per_node_B = RssPerNodeB,
        converged = Converged, cluster_events = ClusterEvents, t100_max_s = T100MaxS,
        detection = Detection.ToDictionary(c => c.Key, c => double.Parse(c.Value, CultureInfo.InvariantCulture)),
    });

    public static string MedianLine(IReadOnlyList<BenchResult> runs) => string.Create(CultureInfo.InvariantCulture,
        $"SUMMARY impl=gossipsim workload={runs[0].Workload} n={runs[0].Nodes} runs={runs.Count} " +
        $"loop_med_s={Median(runs, r => r.LoopS):F3} loop_min_s={runs.Min(r => r.LoopS):F3} loop_max_s={runs.Max(r => r.LoopS):F3} " +
        $"events_per_s_med={Median(runs, r => r.EventsPerS):F0} wall_med_s={Median(runs, r => r.WallS):F3} peak_rss_MiB={runs.Max(r => r.PeakRssMiB)} threads={runs[0].Threads}");

    public static string MedianJson(IReadOnlyList<BenchResult> runs) => JsonSerializer.Serialize(new
    {
        summary = true, workload = runs[0].Workload, nodes = runs[0].Nodes, threads = runs[0].Threads, runs = runs.Count,
        loop_med_s = Median(runs, r => r.LoopS), events_per_s_med = Median(runs, r => r.EventsPerS),
        wall_med_s = Median(runs, r => r.WallS), peak_rss_MiB = runs.Max(r => r.PeakRssMiB),
    });

    /// <summary>The middle value (upper middle for an even count, as the baselines' bench.py).</summary>
    private static double Median(IReadOnlyList<BenchResult> runs, Func<BenchResult, double> metric)
    {
        var values = runs.Select(metric).Order().ToArray();
        return values[values.Length / 2];
    }
}
