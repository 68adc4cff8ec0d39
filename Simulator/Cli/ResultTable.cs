using System.Globalization;
using GossipSim.Analysis;

namespace GossipSim.Simulator.Cli;

/// <summary>The short table printed after a run: one line per scenario and sweep point, averaged over seeds.</summary>
public static class ResultTable
{
    public static void Print(TextWriter writer, IReadOnlyList<ResultRow> runs, bool timing)
    {
        var columns = new List<(string Header, string Column)>
        {
            ("t50 s", "t50_s_mean"), ("t99 s", "t99_s_mean"), ("t100 s", "t100_s_mean"),
            ("conv", "updates_converged"), ("B/node/s", "bytes_per_node_s_mean"), ("events", "events"),
        };
        if (timing) columns.Add(("wall s", "wall_s"));
        writer.WriteLine($"{"scenario",-28} {"runs",4} " + string.Join(" ", columns.Select(c => $"{c.Header,10}")));
        foreach (var group in runs.GroupBy(r => (r.Get("scenario"), r.Get("point"))))
        {
            var ok = group.Where(r => r.Get("status") == "ok").ToList();
            string name = group.Key.Item1 + (group.Key.Item2 == "0" && group.All(r => !r.Cells.Any(c => c.Key.StartsWith("param.", StringComparison.Ordinal))) ? "" : "#" + group.Key.Item2);
            var cells = columns.Select(c => Mean(ok, c.Column));
            writer.WriteLine($"{name,-28} {ok.Count,4} " + string.Join(" ", cells.Select(v => $"{v,10}")));
        }
    }

    private static string Mean(List<ResultRow> rows, string column)
    {
        var values = rows.Select(r => r.Get(column)).Where(v => !string.IsNullOrEmpty(v) && CellFormat.TryParseReal(v!, out _))
            .Select(v => { CellFormat.TryParseReal(v!, out double x); return x; }).ToList();
        if (values.Count == 0) return "-";
        double mean = values.Average();
        return mean >= 1000 ? mean.ToString("0", CultureInfo.InvariantCulture) : mean.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
