using System.Globalization;
using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Refuses, before anything runs, a plan whose runs are estimated (<see cref="RunCost"/>) not to
/// fit in memory: one run that cannot fit at all, or <c>--parallel</c> runs that cannot fit side by
/// side. Better a clear refusal naming the knob than a machine swapping for an hour, or an
/// out-of-memory kill that takes the finished runs' siblings with it.
/// </summary>
public static class MemoryGuard
{
    /// <summary>What this process may use: physical memory, or the container's limit when there is one.</summary>
    public static double AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The reasons to refuse; empty when the plan fits.</summary>
    public static List<string> Check(IEnumerable<ScenarioSpec> points, int parallel, double availableBytes)
    {
        var problems = new List<string>();
        string available = RunCost.FormatBytes(availableBytes);
        double largestPerRun = 0;
        foreach (var point in points)
        {
            var cost = RunCost.Estimate(point);
            largestPerRun = Math.Max(largestPerRun, cost.PerRunBytes);
            if (cost.MemoryBytes <= availableBytes) continue;
            bool ring = point.Has("ring");
            string kind = point.Text("protocol.kind");
            double perPair = RunCost.BytesPerPair(kind) + (ring ? RunCost.RingBytesPerPair(kind) : 0);
            bool densePairs = RunCost.BytesPerPair(kind) > 0;
            string what = ring && densePairs ? $"the {kind} membership state and the ring views grow"
                : ring ? "the ring views grow"
                : $"the {kind} membership state grows";
            double updates = RunCost.UpdateCount(point), samples = RunCost.SampleCount(point);
            double durationBytes = updates * (8 * point.Nodes + RunCost.BytesPerUpdate) + samples * RunCost.BytesPerSample;
            string knob = durationBytes > cost.MemoryBytes / 2
                ? $"shorten duration, or write updates or samples less often ({RunCost.FormatCount(updates)} updates and {RunCost.FormatCount(samples)} samples " +
                  $"in this run take {RunCost.FormatBytes(durationBytes)})"
                : perPair > 0
                ? $"lower nodes ({what} as nodes^2: {perPair} B per node pair)"
                : $"lower nodes ({RunCost.FormatBytes(RunCost.BytesPerNode)} per node)";
            problems.Add($"scenario '{point}': one run at {point.Nodes} nodes needs an estimated {RunCost.FormatBytes(cost.MemoryBytes)}, " +
                $"more than the {available} available; {knob}, or raise --max-memory if the estimate is too cautious");
        }
        if (problems.Count > 0 || parallel <= 1) return problems;
        double together = RunCost.RuntimeBaseBytes + parallel * largestPerRun;
        if (together > availableBytes)
        {
            int fits = Math.Max(1, (int)((availableBytes - RunCost.RuntimeBaseBytes) / largestPerRun));
            problems.Add($"--parallel {parallel}: {parallel} of the largest runs at once need an estimated {RunCost.FormatBytes(together)}, " +
                $"more than the {available} available; use --parallel {fits}");
        }
        return problems;
    }

    /// <summary>Parses a size such as 512MB, 4GB or 1500000 (bytes); null when it is not one.</summary>
    public static double? ParseBytes(string text)
    {
        string t = text.Trim();
        (string Suffix, double Factor)[] units = [("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1)];
        foreach (var (suffix, factor) in units)
        {
            if (!t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            return double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v * factor) ? v * factor : null;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double bytes) && bytes > 0 && double.IsFinite(bytes) ? bytes : null;
    }
}
