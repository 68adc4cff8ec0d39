using GossipSim.Analysis;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// A results directory held by one command: locked against a second gossipsim writing into it,
/// checked to be empty or a gossipsim result set before anything is written, and never holding
/// parts of two configurations. What it will and will not touch is documented in docs/results.md.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    /// <summary>Held (an exclusive lock on the open file) while a command writes the directory; the kernel releases it when the process dies.</summary>
    public const string LockFile = ".gossipsim.lock";

    /// <summary>
    /// Who holds the lock: the lock file itself cannot be read while locked, so the holder is written
    /// beside it, and removed by the holder before it lets go (a killed command leaves it; the live
    /// lock decides, never this note).
    /// </summary>
    public const string HolderFile = ".gossipsim.lock.holder";

    /// <summary>
    /// The files gossipsim writes at the top of a result set; a check clears these (and its parts)
    /// and nothing else. The manifest first: a clearing cut short leaves a set that no command reads as whole.
    /// </summary>
    private static readonly string[] OwnFiles =
    [
        Manifest.FileName, ResultStore.RunsFile, ResultStore.EventsFile, ResultStore.TimeseriesFile, ResultStore.CurvesFile,
        ResultStore.DeclarationsFile, ReportWriter.SummaryFile, ReportWriter.MarkdownFile, ReportWriter.HtmlFile, ReportInputs.SettingsFile,
    ];

    private readonly DirectoryLock _lock;

    private OutputDirectory(string path, DirectoryLock heldLock)
    {
        Path = path;
        _lock = heldLock;
        Store = new ResultStore(path);
    }

    public string Path { get; }

    public ResultStore Store { get; }

    /// <summary>
    /// Creates (when needed) and locks a directory to write results into. Refuses a directory that
    /// holds anything but a gossipsim result set, and one whose lock another process holds.
    /// </summary>
    public static OutputDirectory Open(string path, string option = "--out")
    {
        // Judged before the lock is taken, so a directory that is refused gets nothing written into it, not even a lock file.
        if (WhyNotWritable(path, option) is { } problem) throw new UserError(problem);
        try
        {
            Directory.CreateDirectory(path);
            return new OutputDirectory(path, Lock(path));
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException io && !Cli.IsDiskFull(io)))
        {
            // A place no file can be made (/proc, a read-only folder) is the option's fault, not a failure of the runs.
            throw new UserError($"{option}: {path}: cannot be written ({e.Message}); choose a directory you can write");
        }
    }

    /// <summary>
    /// Why gossipsim may not write result files at path (a file, or a directory holding anything
    /// but a gossipsim result set), naming the option that gave it; null when it may.
    /// </summary>
    public static string? WhyNotWritable(string path, string option)
    {
        if (File.Exists(path)) return $"{path}: is a file, not a directory; give {option} a directory";
        if (FileOnTheWay(path) is { } problem) return problem;
        if (Directory.Exists(path) && !IsEmpty(path) && !IsResultSet(path))
            return $"{path}: holds files but is not a gossipsim result directory (no {Manifest.FileName}, no {ResultStore.PartsFolder}/ of runs); "
                + $"gossipsim writes only into an empty directory or one of its own result sets: choose another {option}";
        return Directory.Exists(path) ? LinkedFolder(path) : null;
    }

    /// <summary>
    /// Why gossipsim may not write into a result set's own folders (plots/, parts/): one is a
    /// symbolic link, through which its files would land outside the directory, among files
    /// gossipsim did not write; null when neither is.
    /// </summary>
    public static string? LinkedFolder(string path)
    {
        foreach (string name in new[] { ReportWriter.PlotsFolder, ResultStore.PartsFolder })
        {
            var folder = new DirectoryInfo(System.IO.Path.Combine(path, name));
            if (folder.LinkTarget is not null)
                return $"{folder.FullName}: is a symbolic link (to {folder.LinkTarget}); gossipsim writes its {name}/ only inside the result directory: remove the link or choose another directory";
        }
        return null;
    }

    /// <summary>
    /// Makes sure the runs about to be done here will not be mixed with others: a part of a run not
    /// in this plan, or made from another spec, refuses the command (whatever --resume says). When
    /// resuming (<paramref name="resumingBeside"/>: how the new runs are made), a part made by another
    /// version of gossipsim or with the other choice of wall-clock columns refuses it too, since it
    /// would be kept; a damaged part is named and run again, and a valid one is kept.
    /// </summary>
    public void RequireOnly(IReadOnlyList<PlannedRun> runs, PartMaker? resumingBeside, TextWriter notices)
    {
        bool resume = resumingBeside is not null;
        var planned = runs.ToDictionary(r => ResultStore.FolderName(r.RunId), StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (string folder in Store.PartFolders())
        {
            if (!planned.TryGetValue(folder, out var run))
            {
                problems.Add($"{ResultStore.PartsFolder}/{folder}: a run not in this plan");
                continue;
            }
            var check = Store.Inspect(run.RunId, run.SpecSha256, resumingBeside);
            if (check.State == PartState.Foreign) problems.Add($"{ResultStore.PartsFolder}/{folder}: {check.Reason}");
            else if (check.State == PartState.Damaged && resume) notices.WriteLine($"note: {ResultStore.PartsFolder}/{folder} will be run again: {check.Reason}");
        }
        if (problems.Count == 0) return;
        const int shown = 5;
        string list = string.Join(Environment.NewLine, problems.Take(shown).Select(p => "  " + p));
        string more = problems.Count > shown ? $"{Environment.NewLine}  ... and {problems.Count - shown} more" : "";
        throw new UserError($"{Path}: holds results of another configuration ({problems.Count} part{(problems.Count == 1 ? "" : "s")}), "
            + $"which would be mixed with these runs:{Environment.NewLine}{list}{more}{Environment.NewLine}"
            + "nothing was run; use another --out (or delete that directory yourself if its results are not wanted)");
    }

    /// <summary>
    /// For <c>check</c>, which always runs afresh: removes what gossipsim wrote here (its combined
    /// files, report, plots and parts) and nothing else. Opening refused any directory that is not
    /// a result set, so nothing of the user's is at risk here.
    /// </summary>
    public void ClearResults()
    {
        foreach (string name in OwnFiles)
        {
            DeleteFile(System.IO.Path.Combine(Path, name));
            DeleteFile(System.IO.Path.Combine(Path, name + AtomicFile.TempSuffix));
        }
        ClearReport();
        string parts = System.IO.Path.Combine(Path, ResultStore.PartsFolder);
        if (!Directory.Exists(parts)) return;
        foreach (string folder in Directory.GetDirectories(parts).Where(IsPartFolder)) Directory.Delete(folder, recursive: true);
        DeleteIfEmpty(parts);
    }

    /// <summary>Removes an earlier report (summary, report pages, plots), which would not describe results assembled without one.</summary>
    public void ClearReport()
    {
        // The figures first: report.md names the ones the report drew.
        ReportWriter.ClearPlots(Path);
        foreach (string name in new[] { ReportWriter.SummaryFile, ReportWriter.MarkdownFile, ReportWriter.HtmlFile }) DeleteFile(System.IO.Path.Combine(Path, name));
        string plots = System.IO.Path.Combine(Path, ReportWriter.PlotsFolder);
        if (Directory.Exists(plots)) DeleteIfEmpty(plots);
    }

    /// <summary>
    /// Removes the manifest before the combined files are rewritten, and the command writes it again
    /// once they are whole: a command killed in between leaves no manifest, and plot and compare
    /// refuse a result set without one (<see cref="PlotCommand.RequireResultSet"/>) instead of
    /// reading files of which some are new and some old, or some missing.
    /// </summary>
    public void BeginAssembly() => DeleteFile(System.IO.Path.Combine(Path, Manifest.FileName));

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// Why path cannot be made because a folder on the way to it is a file (results/run.yaml/out),
    /// or null: the file system would only say it "could not find a part of the path".
    /// </summary>
    public static string? FileOnTheWay(string path)
    {
        for (string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
            if (File.Exists(folder)) return $"{path}: {folder} is a file, so nothing can be written under it";
        return null;
    }

    /// <summary>A directory's absolute path without a trailing separator, through a symbolic link if it is one: the same directory however it was spelt.</summary>
    public static string Identity(string directory)
    {
        string full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory));
        var info = new DirectoryInfo(full);
        return info.Exists && info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)!.FullName : full;
    }

    /// <summary>
    /// A directory gossipsim wrote: a manifest of its own, or a parts folder of runs (a run killed
    /// before it wrote the manifest). An empty parts folder, what a run killed before its first run
    /// finished leaves, counts only with nothing else beside it: it proves nothing about other files.
    /// </summary>
    public static bool IsResultSet(string path)
    {
        string manifest = System.IO.Path.Combine(path, Manifest.FileName);
        if (File.Exists(manifest))
        {
            try
            {
                Manifest.Read(path);
                return true;
            }
            catch (UserError)
            {
                return false;
            }
        }
        string parts = System.IO.Path.Combine(path, ResultStore.PartsFolder);
        if (!Directory.Exists(parts)) return false;
        var folders = Directory.EnumerateFileSystemEntries(parts).ToList();
        return folders.All(IsPartFolder) && (folders.Count > 0 || IsEmpty(path, ResultStore.PartsFolder));
    }

    /// <summary>A folder a part commit made: its record, or a commit's temporary folder, holding only the files a part holds.</summary>
    private static bool IsPartFolder(string folder)
    {
        if (!Directory.Exists(folder)) return false;
        var names = Directory.EnumerateFileSystemEntries(folder).Select(System.IO.Path.GetFileName).ToList();
        bool partNamed = names.Contains(ResultStore.PartRecordFile) || System.IO.Path.GetFileName(folder).StartsWith(ResultStore.TempPrefix, StringComparison.Ordinal);
        return partNamed && names.All(n => n is not null && (n == ResultStore.PartRecordFile || n.EndsWith(".csv", StringComparison.Ordinal)
            || n.EndsWith(".csv" + AtomicFile.TempSuffix, StringComparison.Ordinal) || n.EndsWith(".json" + AtomicFile.TempSuffix, StringComparison.Ordinal)));
    }

    /// <summary>Whether the directory holds nothing but the lock, its holder note and <paramref name="besides"/>.</summary>
    private static bool IsEmpty(string path, string? besides = null) =>
        !Directory.EnumerateFileSystemEntries(path).Select(System.IO.Path.GetFileName).Any(n => n is not (LockFile or HolderFile) && n != besides);

    /// <summary>
    /// Takes the directory's lock, for a command that rewrites files of an existing result set
    /// (plot) without opening it as an output; refused, naming the holder, while another holds it.
    /// </summary>
    public static DirectoryLock Lock(string path)
    {
        string lockPath = System.IO.Path.Combine(path, LockFile);
        string holderPath = System.IO.Path.Combine(path, HolderFile);
        try
        {
            // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows: one holder at a time, across processes.
            var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            AtomicFile.WriteText(holderPath,
                $"gossipsim process {Environment.ProcessId} on {Environment.MachineName}: {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n",
                new System.Text.UTF8Encoding(false));
            return new DirectoryLock(held, holderPath);
        }
        catch (IOException)
        {
            string holder = File.Exists(holderPath) ? File.ReadAllText(holderPath).Trim() : "another gossipsim process";
            throw new UserError($"{path}: in use by {holder}; wait for it to finish, or write to another --out");
        }
    }

    /// <summary>A held directory lock: letting go removes the holder note first, while no other command can have written it.</summary>
    public sealed class DirectoryLock(FileStream held, string holderPath) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                DeleteFile(holderPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A note that cannot be removed is only stale: the lock, released below, decides.
            }
            finally
            {
                held.Dispose();
            }
        }
    }

    private static void DeleteFile(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    private static void DeleteIfEmpty(string path)
    {
        if (!Directory.EnumerateFileSystemEntries(path).Any()) Directory.Delete(path);
    }
}
