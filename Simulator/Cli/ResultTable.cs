using System.Globalization;
using GossipSim.Analysis;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// The short tables printed after a run: one line per scenario and sweep point, averaged over
/// seeds. Dissemination and membership scenarios answer different questions, so each gets its
/// own table with the columns that mean something for it; a sweep point is named by its values.
/// </summary>
public static class ResultTable
{
    private static readonly (string Header, string Column)[] Dissemination =
    [
        ("t50 s", "t50_s_mean"), ("t99 s", "t99_s_mean"), ("t100 s", "t100_s_mean"), ("reached all", ReachedAll),
    ];

    /// <summary>
    /// The share of updates that reached every node, as the report gives it
    /// (<see cref="RunPoint.ReachedAllShare"/>: updates cut off by the run's end left out), where a
    /// count of converged updates per run said nothing of how many there were.
    /// </summary>
    private const string ReachedAll = "reached all";

    private static readonly (string Header, string Column)[] Membership =
    [
        ("1st suspect s", "detect_first_suspect_s"), ("1st dead s", "detect_first_s"), ("all dead s", "detect_all_s"),
        ("false deaths", "fp_declarations"), ("fd/node-h", "fp_per_node_hour"),
    ];

    public static void Print(TextWriter writer, IReadOnlyList<ResultRow> runs, bool timing)
    {
        var points = RunPoint.Group(runs, []);
        var membership = points.Where(p => p.Runs.Any(IsMembership)).ToList();
        var dissemination = points.Except(membership).ToList();
        var first = true;
        foreach (var (title, rows, specific) in new[] { ("dissemination", dissemination, Dissemination), ("membership", membership, Membership) })
        {
            if (rows.Count == 0) continue;
            if (!first) writer.WriteLine();
            first = false;
            var columns = specific.Concat([(Header: "B/node/s", Column: "bytes_per_node_s_mean"), (Header: "events", Column: "events")]).ToList();
            if (timing) columns.Add(("wall s", "wall_s"));
            var labels = rows.Select(Label).ToList();
            int width = Math.Max(title.Length, labels.Max(l => l.Length));
            var cells = rows.Select(point => columns.Select(c => Cell(point, c.Column)).ToList()).ToList();
            var widths = columns.Select((c, j) => cells.Select(row => row[j].Length).Append(c.Header.Length).Append(10).Max()).ToList();
            writer.WriteLine($"{title.PadRight(width)} {"runs",4} " + string.Join(" ", columns.Select((c, j) => c.Header.PadLeft(widths[j]))));
            for (var i = 0; i < rows.Count; i++)
                writer.WriteLine($"{labels[i].PadRight(width)} {rows[i].Runs.Count,4} " + string.Join(" ", cells[i].Select((cell, j) => cell.PadLeft(widths[j]))));
        }
    }

    // A membership run records lifecycle events (crash, join, ...) even when there were none (0).
    private static bool IsMembership(ResultRow row) => !string.IsNullOrEmpty(row.Get("membership_events"));

    /// <summary>"name", or for a sweep point "name[fanout=3 interval=200ms]" (last path segment of each parameter).</summary>
    private static string Label(RunPoint point) => point.Parameters.Count == 0
        ? point.Scenario
        : $"{point.Scenario}[{string.Join(" ", point.Parameters.Select(p => $"{RunPoint.ShortName(p.Key)}={p.Value}"))}]";

    /// <summary>
    /// A point's cell: the share that reached all for <see cref="ReachedAll"/>; otherwise the
    /// point's statistics of the column (<see cref="RunPoint.Statistics"/>: the mean over the runs
    /// that have it, for a rate of rare events its pooled rate, the figure the report, <c>check</c>
    /// and <c>tune</c> give), and "(k of n)" after it when fewer runs than the row's have it (a crash
    /// no observer marked dead has no all-dead time), so one run's value does not pass for all of them.
    /// </summary>
    private static string Cell(RunPoint point, string column)
    {
        if (column == ReachedAll)
        {
            double share = point.ReachedAllShare;
            return double.IsNaN(share) ? "-" : share.ToString("0.###", CultureInfo.InvariantCulture);
        }
        var statistics = point.Statistics(column);
        if (statistics.N == 0) return "-";
        double mean = statistics.Mean;
        string text = mean >= 1000 ? mean.ToString("0", CultureInfo.InvariantCulture) : mean.ToString("0.###", CultureInfo.InvariantCulture);
        return statistics.N < point.Runs.Count ? $"{text} ({statistics.N} of {point.Runs.Count})" : text;
    }
}
