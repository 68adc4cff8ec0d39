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
        var groups = runs.GroupBy(r => (Scenario: r.Get("scenario"), Point: r.Get("point"))).ToList();
        var membership = groups.Where(g => g.Any(IsMembership)).ToList();
        var dissemination = groups.Except(membership).ToList();
        var first = true;
        foreach (var (title, rows, specific) in new[] { ("dissemination", dissemination, Dissemination), ("membership", membership, Membership) })
        {
            if (rows.Count == 0) continue;
            if (!first) writer.WriteLine();
            first = false;
            var columns = specific.Concat([(Header: "B/node/s", Column: "bytes_per_node_s_mean"), (Header: "events", Column: "events")]).ToList();
            if (timing) columns.Add(("wall s", "wall_s"));
            var labels = rows.Select(g => Label(g.Key.Scenario ?? "", g.First())).ToList();
            int width = Math.Max(title.Length, labels.Max(l => l.Length));
            var ok = rows.Select(g => g.Where(r => r.Get("status") == "ok").ToList()).ToList();
            var cells = ok.Select(runs => columns.Select(c => Cell(runs, c.Column)).ToList()).ToList();
            var widths = columns.Select((c, j) => cells.Select(row => row[j].Length).Append(c.Header.Length).Append(10).Max()).ToList();
            writer.WriteLine($"{title.PadRight(width)} {"runs",4} " + string.Join(" ", columns.Select((c, j) => c.Header.PadLeft(widths[j]))));
            for (var i = 0; i < rows.Count; i++)
                writer.WriteLine($"{labels[i].PadRight(width)} {ok[i].Count,4} " + string.Join(" ", cells[i].Select((cell, j) => cell.PadLeft(widths[j]))));
        }
    }

    // A membership run records lifecycle events (crash, join, ...) even when there were none (0).
    private static bool IsMembership(ResultRow row) => !string.IsNullOrEmpty(row.Get("membership_events"));

    /// <summary>"name", or for a sweep point "name[fanout=3 interval=200ms]" (last path segment of each parameter).</summary>
    private static string Label(string scenario, ResultRow row)
    {
        var parameters = row.Cells
            .Where(c => c.Key.StartsWith("param.", StringComparison.Ordinal) && !string.IsNullOrEmpty(c.Value))
            .Select(c => $"{c.Key[(c.Key.LastIndexOf('.') + 1)..]}={c.Value}")
            .ToList();
        return parameters.Count == 0 ? scenario : $"{scenario}[{string.Join(" ", parameters)}]";
    }

    /// <summary>
    /// A row's cell: the share that reached all for <see cref="ReachedAll"/>; otherwise the mean over
    /// the runs that have the column, and "(k of n)" after it when that is fewer
    /// than the row's runs (a crash no observer marked dead has no all-dead time), so one run's
    /// value does not pass for all of them. A rate of rare events is its pooled rate (all runs'
    /// events over all their exposure, <see cref="PoissonRate.Pooled"/>), the figure the report,
    /// <c>check</c> and <c>tune</c> give for it.
    /// </summary>
    private static string Cell(List<ResultRow> rows, string column)
    {
        if (column == ReachedAll)
        {
            double share = rows.Count == 0 ? double.NaN : RunPoint.Group(rows, []).Single().ReachedAllShare;
            return double.IsNaN(share) ? "-" : share.ToString("0.###", CultureInfo.InvariantCulture);
        }
        var values = rows.Select(r => ResultColumns.Number(r, column)).Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0) return "-";
        double mean = PoissonRate.Pooled(column, rows, ResultColumns.Number) is { Rate: var pooled } && !double.IsNaN(pooled) ? pooled : values.Average();
        string text = mean >= 1000 ? mean.ToString("0", CultureInfo.InvariantCulture) : mean.ToString("0.###", CultureInfo.InvariantCulture);
        return values.Count < rows.Count ? $"{text} ({values.Count} of {rows.Count})" : text;
    }
}
