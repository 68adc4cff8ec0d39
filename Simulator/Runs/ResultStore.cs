using GossipSim.Analysis;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// An output directory. Each finished run is committed at once as its own folder under
/// <c>parts/</c> (written beside, then renamed into place), so an interrupted sweep loses
/// nothing that finished and a resumed one can tell what is done. The combined files
/// (runs.csv, events.csv, timeseries.csv, curves.csv, declarations.csv) are assembled from the parts in plan order, which makes them the
/// same bytes however many runs went in parallel, and whichever shard produced a part.
/// </summary>
public sealed class ResultStore
{
    public const string RunsFile = "runs.csv";
    public const string EventsFile = "events.csv";
    public const string TimeseriesFile = "timeseries.csv";
    public const string CurvesFile = "curves.csv";
    public const string DeclarationsFile = "declarations.csv";
    private const string PartsFolder = "parts";

    public ResultStore(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(PartsPath);
    }

    public string Directory { get; }

    private string PartsPath => Path.Combine(Directory, PartsFolder);

    /// <summary>Run ids contain '/', which a folder name cannot.</summary>
    public static string FolderName(string runId) => runId.Replace("/", "__");

    public bool Has(string runId) => File.Exists(Path.Combine(PartsPath, FolderName(runId), RunsFile));

    /// <summary>Folder names of the committed parts (not half-written ones), in ordinal order.</summary>
    public IReadOnlyList<string> PartFolders() =>
        System.IO.Directory.GetDirectories(PartsPath)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith(".tmp-", StringComparison.Ordinal) && File.Exists(Path.Combine(PartsPath, name, RunsFile)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Commits a copy of another store's part of this run (merging shards), the same way a finished run is committed.</summary>
    public void Import(ResultStore source, string runId) => Commit(source.Load(runId));

    public void Commit(RunPart part)
    {
        string final = Path.Combine(PartsPath, FolderName(part.RunId));
        string temp = Path.Combine(PartsPath, ".tmp-" + FolderName(part.RunId));
        if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, recursive: true);
        System.IO.Directory.CreateDirectory(temp);
        CsvTable.WriteAtomically(Path.Combine(temp, RunsFile), part.Runs);
        CsvTable.WriteAtomically(Path.Combine(temp, EventsFile), part.Events, ColumnsOr(part.Events, RunRows.EventHeader));
        CsvTable.WriteAtomically(Path.Combine(temp, TimeseriesFile), part.Timeseries, ColumnsOr(part.Timeseries, RunRows.TimeseriesHeader));
        CsvTable.WriteAtomically(Path.Combine(temp, CurvesFile), part.Curves, ColumnsOr(part.Curves, RunRows.CurveHeader));
        if (part.Declarations.Count > 0) CsvTable.WriteAtomically(Path.Combine(temp, DeclarationsFile), part.Declarations);
        if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, recursive: true);
        System.IO.Directory.Move(temp, final);
    }

    public RunPart Load(string runId)
    {
        string folder = Path.Combine(PartsPath, FolderName(runId));
        return new RunPart(runId, CsvTable.Read(Path.Combine(folder, RunsFile)), ReadIfPresent(Path.Combine(folder, EventsFile)),
            ReadIfPresent(Path.Combine(folder, TimeseriesFile)))
        {
            Curves = ReadIfPresent(Path.Combine(folder, CurvesFile)),
            Declarations = ReadIfPresent(Path.Combine(folder, DeclarationsFile)),
        };
    }

    /// <summary>
    /// Writes runs.csv, events.csv, timeseries.csv and curves.csv from the parts of these runs,
    /// in this order, and declarations.csv when any part recorded declarations.
    /// </summary>
    public void Assemble(IReadOnlyList<string> runIds)
    {
        var runs = new List<ResultRow>();
        var events = new List<ResultRow>();
        var samples = new List<ResultRow>();
        var curves = new List<ResultRow>();
        var declarations = new List<ResultRow>();
        foreach (string id in runIds)
        {
            if (!Has(id)) continue;
            var part = Load(id);
            runs.AddRange(part.Runs);
            events.AddRange(part.Events);
            samples.AddRange(part.Timeseries);
            curves.AddRange(part.Curves);
            declarations.AddRange(part.Declarations);
        }
        CsvTable.WriteAtomically(Path.Combine(Directory, RunsFile), runs);
        CsvTable.WriteAtomically(Path.Combine(Directory, EventsFile), events, ColumnsOr(events, RunRows.EventHeader));
        CsvTable.WriteAtomically(Path.Combine(Directory, TimeseriesFile), samples, ColumnsOr(samples, RunRows.TimeseriesHeader));
        CsvTable.WriteAtomically(Path.Combine(Directory, CurvesFile), curves, ColumnsOr(curves, RunRows.CurveHeader));
        // No part recorded declarations: a file left from an earlier sweep in this directory would describe other runs.
        string declarationsPath = Path.Combine(Directory, DeclarationsFile);
        if (declarations.Count > 0) CsvTable.WriteAtomically(declarationsPath, declarations);
        else File.Delete(declarationsPath);
    }

    /// <summary>
    /// A file keeps its header even with no rows (a run with no events, a failed run): a CSV
    /// with no columns at all cannot be written, and readers expect the header.
    /// </summary>
    private static IReadOnlyList<string> ColumnsOr(IReadOnlyList<ResultRow> rows, IReadOnlyList<string> header) =>
        rows.Count > 0 ? CsvTable.Columns(rows) : header;

    private static List<ResultRow> ReadIfPresent(string path) => File.Exists(path) ? CsvTable.Read(path) : [];
}
