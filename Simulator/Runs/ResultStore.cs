using System.Security.Cryptography;
using System.Text.Json;
using GossipSim.Analysis;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// An output directory. Each finished run is committed at once as its own folder under
/// <c>parts/</c> (written beside, then renamed into place), so an interrupted sweep loses
/// nothing that finished and a resumed one can tell what is done. Each part carries a record
/// (<see cref="PartRecordFile"/>) of the hash of the run's exact spec and of every file in it, so
/// a part made from another configuration, or damaged since, is never taken for a finished run.
/// The combined files (runs.csv, events.csv, timeseries.csv, curves.csv, declarations.csv) are assembled from the parts in plan
/// order, which makes them the same bytes however many runs went in parallel, and whichever
/// shard produced a part.
/// </summary>
public sealed class ResultStore
{
    public const string RunsFile = "runs.csv";
    public const string EventsFile = "events.csv";
    public const string TimeseriesFile = "timeseries.csv";
    public const string CurvesFile = "curves.csv";
    public const string DeclarationsFile = "declarations.csv";
    public const string PartsFolder = "parts";

    /// <summary>Written last into a part: its presence and hashes are what make the part committed.</summary>
    public const string PartRecordFile = "part.json";

    /// <summary>Prefix of a part folder still being written; never a committed part.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>
    /// The files of one part, each with the rows it takes from a <see cref="RunPart"/> and the
    /// header it keeps when it has none. Everything else here (commit, hashes, validation,
    /// assembly) goes over this list, so a new per-run file is one more line. An optional file
    /// (declarations.csv, which a scenario asks for) is written only when it has rows: a part
    /// without it is complete, and a result set where no run recorded it has none.
    /// </summary>
    private static readonly PartFile[] Files =
    [
        new(RunsFile, p => p.Runs, null),
        new(EventsFile, p => p.Events, RunRows.EventHeader),
        new(TimeseriesFile, p => p.Timeseries, RunRows.TimeseriesHeader),
        new(CurvesFile, p => p.Curves, RunRows.CurveHeader),
        new(DeclarationsFile, p => p.Declarations, null, Optional: true),
    ];

    private static RunPart PartOf(string runId, Func<string, List<ResultRow>> rows) =>
        new(runId, rows(RunsFile), rows(EventsFile), rows(TimeseriesFile)) { Curves = rows(CurvesFile), Declarations = rows(DeclarationsFile) };

    private sealed record PartFile(string Name, Func<RunPart, IReadOnlyList<ResultRow>> Rows, IReadOnlyList<string>? EmptyHeader, bool Optional = false);

    /// <summary>What part.json holds: which run, from which spec, made how, and the SHA-256 of each file.</summary>
    private sealed record PartRecord(string RunId, string SpecSha256, string ToolVersion, bool WallClock, Dictionary<string, string> Files);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public ResultStore(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    private string PartsPath => Path.Combine(Directory, PartsFolder);

    /// <summary>Run ids contain '/', which a folder name cannot.</summary>
    public static string FolderName(string runId) => runId.Replace("/", "__");

    /// <summary>
    /// What a part folder holds for a run, judged against the spec hash the plan expects and, for a
    /// part about to be kept beside others, against how those are made (<paramref name="keptBeside"/>).
    /// </summary>
    public PartCheck Inspect(string runId, string expectedSpecSha256, PartMaker? keptBeside = null)
    {
        string folder = Path.Combine(PartsPath, FolderName(runId));
        if (!System.IO.Directory.Exists(folder)) return PartCheck.Missing;
        var record = ReadRecord(folder, out string? problem);
        if (record is null) return PartCheck.Damaged(problem!);
        if (record.RunId != runId) return PartCheck.Damaged($"its {PartRecordFile} is for run '{record.RunId}'");
        if (record.SpecSha256 != expectedSpecSha256)
            return PartCheck.Foreign($"it was run from a different spec (spec hash {Short(record.SpecSha256)}, this plan's is {Short(expectedSpecSha256)})");
        if (keptBeside?.WhyNotBeside(MakerOf(record)) is { } made) return PartCheck.Foreign(made);
        foreach (var file in Files)
        {
            string path = Path.Combine(folder, file.Name);
            if (file.Optional && !record.Files.ContainsKey(file.Name) && !File.Exists(path)) continue;
            if (!record.Files.TryGetValue(file.Name, out string? hash)) return PartCheck.Damaged($"its {PartRecordFile} lists no {file.Name}");
            if (!File.Exists(path)) return PartCheck.Damaged($"{file.Name} is missing");
            if (Sha256(path) != hash) return PartCheck.Damaged($"{file.Name} is not the file that was written (truncated or edited)");
        }
        return PartCheck.Valid;
    }

    /// <summary>Folder names under parts/ (not half-written ones), in ordinal order.</summary>
    public IReadOnlyList<string> PartFolders() =>
        !System.IO.Directory.Exists(PartsPath) ? [] : System.IO.Directory.GetDirectories(PartsPath)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith(TempPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>How a committed part was made (null when its record is missing or damaged).</summary>
    public PartMaker? MakerOf(string runId) =>
        ReadRecord(Path.Combine(PartsPath, FolderName(runId)), out _) is { } record ? MakerOf(record) : null;

    private static PartMaker MakerOf(PartRecord record) => new(record.ToolVersion, record.WallClock);

    /// <summary>Commits a copy of another store's part of this run (merging shards), the same way a finished run is committed.</summary>
    public void Import(ResultStore source, string runId, string specSha256) => Commit(source.Load(runId), specSha256, source.MakerOf(runId)!);

    /// <summary>
    /// Writes the part's files into a folder beside its place, then its record, then renames the
    /// folder into place: a crash or a full disk at any point leaves no folder under the run's
    /// name that looks committed.
    /// </summary>
    public void Commit(RunPart part, string specSha256, PartMaker maker)
    {
        System.IO.Directory.CreateDirectory(PartsPath);
        string final = Path.Combine(PartsPath, FolderName(part.RunId));
        string temp = Path.Combine(PartsPath, TempPrefix + FolderName(part.RunId));
        if (System.IO.Directory.Exists(temp)) System.IO.Directory.Delete(temp, recursive: true);
        System.IO.Directory.CreateDirectory(temp);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            string path = Path.Combine(temp, file.Name);
            var rows = file.Rows(part);
            if (file.Optional && rows.Count == 0) continue;
            CsvTable.WriteAtomically(path, rows, ColumnsOr(rows, file.EmptyHeader));
            hashes[file.Name] = Sha256(path);
        }
        var record = new PartRecord(part.RunId, specSha256, maker.ToolVersion, maker.WallClock, hashes);
        AtomicFile.WriteText(Path.Combine(temp, PartRecordFile), JsonSerializer.Serialize(record, JsonOptions) + "\n", new System.Text.UTF8Encoding(false));
        if (System.IO.Directory.Exists(final)) System.IO.Directory.Delete(final, recursive: true);
        System.IO.Directory.Move(temp, final);
    }

    public RunPart Load(string runId)
    {
        string folder = Path.Combine(PartsPath, FolderName(runId));
        return PartOf(runId, name => Files.Single(f => f.Name == name).Optional && !File.Exists(Path.Combine(folder, name)) ? [] : CsvTable.Read(Path.Combine(folder, name)));
    }

    /// <summary>Writes the combined files from the parts of these runs, in this order; runs without a committed part are left out.</summary>
    public void Assemble(IReadOnlyList<RunSetup> runs)
    {
        var parts = runs.Where(r => Inspect(r.RunId, r.SpecSha256) == PartCheck.Valid).Select(r => Load(r.RunId)).ToList();
        AssembleParts(parts);
    }

    /// <summary>Writes the combined files from parts already checked against their plan (merge), in this order.</summary>
    public void Assemble(IReadOnlyList<string> runIds) => AssembleParts(runIds.Select(Load).ToList());

    private void AssembleParts(IReadOnlyList<RunPart> parts)
    {
        foreach (var file in Files)
        {
            var rows = parts.SelectMany(file.Rows).ToList();
            string path = Path.Combine(Directory, file.Name);
            // An optional file no run recorded: one left by an earlier sweep here would describe other runs.
            if (file.Optional && rows.Count == 0) File.Delete(path);
            else CsvTable.WriteAtomically(path, rows, ColumnsOr(rows, file.EmptyHeader));
        }
    }

    /// <summary>
    /// A file keeps its header even with no rows (a run with no events, a failed run): a CSV
    /// with no columns at all cannot be written, and readers expect the header.
    /// </summary>
    private static IReadOnlyList<string>? ColumnsOr(IReadOnlyList<ResultRow> rows, IReadOnlyList<string>? header) =>
        rows.Count > 0 ? CsvTable.Columns(rows) : header;

    private static PartRecord? ReadRecord(string folder, out string? problem)
    {
        string path = Path.Combine(folder, PartRecordFile);
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"it has no {PartRecordFile} (never finished, or written by an older gossipsim)";
            return null;
        }
        try
        {
            var record = JsonSerializer.Deserialize<PartRecord>(File.ReadAllText(path), JsonOptions);
            if (record is { RunId: not null, SpecSha256: not null, Files: not null }) return record with { ToolVersion = record.ToolVersion ?? "older than the versions that record theirs" };
            problem = $"its {PartRecordFile} is incomplete";
        }
        catch (JsonException e)
        {
            problem = $"its {PartRecordFile} does not parse ({e.Message})";
        }
        return null;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash.Length == 0 ? "(none)" : hash;
}

/// <summary>The state of one run's part folder: missing, committed from this spec, from another spec, or damaged.</summary>
public sealed record PartCheck(PartState State, string Reason)
{
    public static readonly PartCheck Missing = new(PartState.Missing, "");
    public static readonly PartCheck Valid = new(PartState.Valid, "");

    public static PartCheck Foreign(string reason) => new(PartState.Foreign, reason);

    public static PartCheck Damaged(string reason) => new(PartState.Damaged, reason);
}

public enum PartState
{
    Missing,
    Valid,
    Foreign,
    Damaged,
}
