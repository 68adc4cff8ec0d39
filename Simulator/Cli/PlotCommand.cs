using System.CommandLine;
using GossipSim.Analysis;

namespace GossipSim.Simulator.Cli;

/// <summary><c>gossipsim plot DIR</c>: regenerates summary.csv, plots and reports from a result set's CSVs, without rerunning.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "A result directory written by run" };
        var command = new Command("plot", "Regenerate summary.csv, plots/*.svg, report.md and report.html from the CSVs") { directory };
        command.SetAction(result => Cli.Guard(() =>
        {
            string dir = result.GetValue(directory)!;
            RequireResultSet(dir);
            // A run, check or merge writing this directory would replace the report under plot's feet (or plot under theirs).
            using var held = OutputDirectory.Lock(dir);
            var plan = NoteMissingRuns(dir, "the report says so");
            var outcome = ReportWriter.WriteAll(dir, new ReportInputs { Plan = plan }.WithSettingsFrom(dir));
            Console.WriteLine($"wrote {Path.Combine(dir, "report.html")} with {outcome.Plots.Count} plots");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Refuses a directory whose result files are not whole gossipsim files: runs.csv missing, with
    /// no rows or without the columns every run row has, a row without a status, or any result
    /// file cut short (gossipsim ends every file with a line break).
    /// </summary>
    public static void RequireResultSet(string dir)
    {
        string runsPath = Path.Combine(dir, Runs.ResultStore.RunsFile);
        if (Directory.Exists(runsPath) || !File.Exists(runsPath)) throw new UserError($"{dir}: not a result directory (no runs.csv)");
        // The manifest is written last, once every combined file is whole; without it they may be half old, half new, or not gossipsim's.
        if (!File.Exists(Path.Combine(dir, Manifest.FileName)))
            throw new UserError($"{dir}: no {Manifest.FileName}, so not a result set gossipsim finished writing: the command that wrote it was cut short "
                + "(gossipsim run --resume into it finishes it), or its files are not gossipsim's");
        Manifest.Read(dir);
        if (OutputDirectory.LinkedFolder(dir) is { } linked) throw new UserError(linked);
        foreach (string name in new[] { Runs.ResultStore.RunsFile, Runs.ResultStore.EventsFile, Runs.ResultStore.TimeseriesFile })
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path) && !EndsWithLineBreak(path)) throw new UserError($"{path}: cut short (no line break at its end); not a whole result file");
        }
        List<ResultRow> rows;
        try
        {
            rows = CsvTable.Read(runsPath);
        }
        catch (CsvHelper.CsvFormatException e) when (e.RecordNumber > 0)
        {
            // gossipsim writes no line breaks inside fields, so the record number is the line number.
            throw new UserError($"{runsPath}:{e.RecordNumber}: not a row gossipsim wrote ({e.Message})");
        }
        catch (Exception e) when (e is not (IOException or UnauthorizedAccessException))
        {
            throw new UserError($"{runsPath}: not a readable CSV ({e.Message})");
        }
        string[] required = ["run_id", "scenario", "point", "seed", "status"];
        var columns = CsvTable.Columns(rows);
        if (rows.Count == 0) throw new UserError($"{runsPath}: no runs in it");
        if (required.FirstOrDefault(c => !columns.Contains(c)) is { } missing)
            throw new UserError($"{runsPath}: no '{missing}' column; not a gossipsim runs.csv");
        // A row that no longer says which run it is would be reported under another configuration, or counted twice.
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            int line = i + 2;
            string? runId = rows[i].Get("run_id");
            if (rows[i].Get("status") is not ("ok" or "failed") || string.IsNullOrEmpty(runId))
                throw new UserError($"{runsPath}:{line}: not a run row (no run_id, or a status other than ok or failed)");
            string own = Runs.RunSetup.IdOf(rows[i].Get("scenario") ?? "", rows[i].Get("point") ?? "", rows[i].Get("seed") ?? "");
            if (runId != own) throw new UserError($"{runsPath}:{line}: run_id '{runId}' does not match its scenario, point and seed ({own}); not a row gossipsim wrote");
            if (!lineOf.TryAdd(runId, line)) throw new UserError($"{runsPath}:{line}: run '{runId}' appears twice (also line {lineOf[runId]}); each run is one row");
        }
    }

    /// <summary>Says on stderr when a result set holds fewer runs than its plan (an interrupted run), so its numbers are not read as the whole sweep's.</summary>
    public static (int Planned, IReadOnlyList<string> Missing) NoteMissingRuns(string dir, string consequence)
    {
        var plan = Plan(dir);
        if (plan.Missing.Count > 0)
            Console.Error.WriteLine($"note: {dir}: " + ReportWriter.MissingRuns(plan.Planned, plan.Missing, Runs.ResultStore.RunsFile)
                + $"; {consequence} (gossipsim run --resume finishes them)");
        return plan;
    }

    /// <summary>The runs of this directory's shard of its manifest's plan, and those runs.csv lacks; none when there is no manifest.</summary>
    private static (int Planned, IReadOnlyList<string> Missing) Plan(string dir)
    {
        if (!File.Exists(Path.Combine(dir, Manifest.FileName))) return (0, []);
        var manifest = Manifest.Read(dir);
        var shard = Runs.RunShard.Parse(manifest.Shard, out _) ?? Runs.RunShard.All;
        var planned = manifest.Runs.Select(r => r.RunId).Where(shard.Contains).ToList();
        var present = CsvTable.Read(Path.Combine(dir, Runs.ResultStore.RunsFile)).Select(r => r.Get("run_id")).ToHashSet(StringComparer.Ordinal);
        return (planned.Count, planned.Where(id => !present.Contains(id)).ToList());
    }

    private static bool EndsWithLineBreak(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0) return true;
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
