using GossipSim.Analysis;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Check;

/// <summary>
/// Result sets written by hand for the check's statistics: one sweep point of one scenario,
/// a run per seed (1, 2, ...) with the given cells; an empty string is an empty cell, as a
/// run writes for an event that did not complete. Each set lives in a folder of its own.
/// </summary>
internal sealed class ResultSetFiles : IDisposable
{
    private readonly string _root = CliRunner.TempDirectory();

    /// <summary>Writes a set named <paramref name="name"/>; each run's cells are given as column, value.</summary>
    public string Write(string name, string scenario, params (string Column, string Value)[][] runs)
    {
        string directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        var rows = runs.Select((cells, i) =>
        {
            string status = cells.Where(c => c.Column == "status").Select(c => c.Value).FirstOrDefault() ?? "ok";
            var row = new ResultRow().Add("run_id", $"{scenario}/p0/s{i + 1}").Add("scenario", scenario).Add("point", "0")
                .Add("seed", CellFormat.Integer(i + 1)).Add("status", status).Add("error", status == "ok" ? "" : "InvalidOperationException: test");
            foreach (var (column, value) in cells.Where(c => c.Column != "status")) row.Add(column, value);
            return row;
        }).ToList();
        CsvTable.WriteAtomically(Path.Combine(directory, "runs.csv"), rows);
        return directory;
    }

    /// <summary>Runs whose one column has these cells.</summary>
    public static (string, string)[][] Column(string column, params string[] cells) => cells.Select(c => new[] { (column, c) }).ToArray();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
