using GossipSim.Simulator.Cli;
using GossipSim.Tests.Support;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Cli;

/// <summary>
/// The ways a results directory could take in a user's files or mix configurations that
/// <see cref="ResultDirectoryTests"/> does not cover: folders that only look like result sets,
/// symbolic links inside one, results whose assembly was cut short, an edited latency file,
/// parts made with and without wall-clock columns, and a baseline replaced by check.
/// </summary>
public class ResultSafetyTests
{
    private const string Empirical = """
        defaults:
          nodes: 30
          duration: 2s
          seeds: 3
          network: {latency: {dist: empirical, file: lat.csv}}
          protocol: {kind: pushpull, mode: anti-entropy, fanout: 2, interval: 200ms}
          updates: {every: 1s}
        scenarios:
          - name: emp
        """;

    /// <summary>A folder holding a copy of a runs.csv is not a result set gossipsim wrote: plot leaves it as it is.</summary>
    [Test]
    public void Plot_FolderWithACopiedRunsCsv_RefusedAndUntouched()
    {
        using var sweep = new SmallSweep();
        string results = sweep.Run("results");
        string mine = sweep.Out("analysis");
        Directory.CreateDirectory(Path.Combine(mine, "plots"));
        File.Copy(Path.Combine(results, "runs.csv"), Path.Combine(mine, "runs.csv"));
        File.WriteAllText(Path.Combine(mine, "summary.csv"), "mine");
        File.WriteAllText(Path.Combine(mine, "report.md"), "![c](plots/my-chart.svg)\n");
        File.WriteAllText(Path.Combine(mine, "plots", "my-chart.svg"), "chart");
        var before = Snapshot(mine);

        var (code, _, error) = CliRunner.Run("plot", mine);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no manifest.json"));
        Assert.That(Snapshot(mine), Is.EqualTo(before));
    }

    /// <summary>An empty parts/ is what a run killed before its first run finished leaves; beside a user's files it does not make them gossipsim's.</summary>
    [Test]
    public void Run_EmptyPartsFolderBesideUserFiles_Refused_AloneAccepted()
    {
        using var sweep = new SmallSweep();
        string mine = sweep.Out("mine");
        Directory.CreateDirectory(Path.Combine(mine, "parts"));
        File.WriteAllText(Path.Combine(mine, "runs.csv"), "mine");

        var (code, _, error) = CliRunner.Run("run", sweep.File, "--out", mine, "--quiet", "--scenario", "push");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("not a gossipsim result directory"));
        Assert.That(File.ReadAllText(Path.Combine(mine, "runs.csv")), Is.EqualTo("mine"));

        string killed = sweep.Out("killed");
        Directory.CreateDirectory(Path.Combine(killed, "parts"));
        sweep.Run("killed", "--scenario", "push");
    }

    /// <summary>A result set's plots/ that links elsewhere is refused, so no figure is written among another folder's files.</summary>
    [Test]
    public void Run_PlotsFolderIsASymbolicLink_RefusedAndItsTargetUntouched()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r", "--scenario", "push");
        string elsewhere = sweep.Out("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Combine(elsewhere, "bandwidth.svg"), "mine");
        Directory.Delete(Path.Combine(dir, "plots"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(dir, "plots"), elsewhere);

        var run = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--scenario", "push");
        var plot = CliRunner.Run("plot", dir);

        Assert.That((run.ExitCode, plot.ExitCode), Is.EqualTo((2, 2)));
        Assert.That(run.Error, Does.Contain("is a symbolic link"));
        Assert.That(Directory.GetFiles(elsewhere).Select(Path.GetFileName), Is.EqualTo(new[] { "bandwidth.svg" }));
        Assert.That(File.ReadAllText(Path.Combine(elsewhere, "bandwidth.svg")), Is.EqualTo("mine"));
    }

    /// <summary>A link standing where gossipsim writes a temporary file or its holder note is replaced, never written through.</summary>
    [Test]
    public void Run_LinksAtTemporaryAndHolderNames_TheirTargetsUntouched()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r", "--scenario", "push");
        string victim = sweep.Out("victim.txt");
        File.WriteAllText(victim, "mine");
        File.CreateSymbolicLink(Path.Combine(dir, "summary.csv.tmp"), victim);
        File.CreateSymbolicLink(Path.Combine(dir, OutputDirectory.HolderFile), victim);

        sweep.Run("r", "--scenario", "push");

        Assert.That(File.ReadAllText(victim), Is.EqualTo("mine"));
        Assert.That(new FileInfo(Path.Combine(dir, "summary.csv")).LinkTarget, Is.Null, "summary.csv is a file of its own");
    }

    /// <summary>A command that fails while it rewrites the combined files leaves no manifest, so plot and compare refuse the half-rewritten set.</summary>
    [Test]
    public void AssemblyCutShort_LeavesNoManifest_PlotAndCompareRefuse()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r", "--scenario", "grid");
        string other = sweep.Run("other", "--scenario", "grid");
        // A folder where events.csv's temporary file goes makes that write fail halfway through the assembly.
        Directory.CreateDirectory(Path.Combine(dir, "events.csv.tmp"));

        var run = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--scenario", "grid", "--resume");
        Assert.That(run.ExitCode, Is.Not.Zero);
        Directory.Delete(Path.Combine(dir, "events.csv.tmp"));

        Assert.That(File.Exists(Path.Combine(dir, "manifest.json")), Is.False);
        Assert.That(CliRunner.Run("plot", dir).Error, Does.Contain("no manifest.json"));
        Assert.That(CliRunner.Run("compare", other, dir).Error, Does.Contain("no manifest.json"));
        Assert.That(CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--scenario", "grid", "--resume").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("plot", dir).ExitCode, Is.Zero);
    }

    /// <summary>An edited latency file makes other runs: resume and merge refuse parts made from the file as it was.</summary>
    [Test]
    public void LatencyFileEdited_ResumeAndMergeRefuse()
    {
        using var sweep = new SmallSweep(Empirical);
        string table = Path.Combine(sweep.Directory, "lat.csv");
        File.WriteAllText(table, "latency_ms\n1\n2\n3\n5\n");
        string dir = sweep.Run("r");
        sweep.Run("s1", "--shard", "1/2");
        File.WriteAllText(table, "latency_ms\n100\n200\n300\n500\n");
        sweep.Run("s2", "--shard", "2/2");

        var resume = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--resume");
        var merge = CliRunner.Run("merge", sweep.Out("s1"), sweep.Out("s2"), "--out", sweep.Out("m"));

        Assert.That(resume.ExitCode, Is.EqualTo(2));
        Assert.That(resume.Error, Does.Contain("it was run from a different spec"));
        Assert.That(merge.ExitCode, Is.EqualTo(2));
        Assert.That(merge.Error, Does.Contain("different spec hash"));
    }

    /// <summary>Rows with wall-clock columns and rows without are never combined, by resume or by merge.</summary>
    [Test]
    public void TimedAndUntimedParts_ResumeAndMergeRefuse()
    {
        using var sweep = new SmallSweep();
        string timed = sweep.Out("timed");
        Assert.That(CliRunner.Run("run", sweep.File, "--out", timed, "--quiet", "--scenario", "grid").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("run", sweep.File, "--out", sweep.Out("t1"), "--quiet", "--scenario", "grid", "--shard", "1/2").ExitCode, Is.Zero);
        sweep.Run("t2", "--scenario", "grid", "--shard", "2/2");
        Directory.Delete(Path.Combine(timed, "parts", "grid__p2__s3"), recursive: true);

        var resume = CliRunner.Run("run", sweep.File, "--out", timed, "--quiet", "--no-timing", "--scenario", "grid", "--resume");
        var merge = CliRunner.Run("merge", sweep.Out("t1"), sweep.Out("t2"), "--out", sweep.Out("m"));

        Assert.That(resume.ExitCode, Is.EqualTo(2));
        Assert.That(resume.Error, Does.Contain("its rows hold the wall-clock columns, the runs it would join leave them out"));
        Assert.That(merge.ExitCode, Is.EqualTo(2));
        Assert.That(merge.Error, Does.Contain("the wall-clock columns"));
        Assert.That(Directory.Exists(sweep.Out("m")), Is.False);
    }

    /// <summary>check --update-baseline replaces the whole baseline (no parts or curves of what was there before) and waits its turn for the directory.</summary>
    [Test]
    public void UpdateBaseline_ReplacesTheWholeBaseline_AndRespectsItsLock()
    {
        using var sweep = new SmallSweep();
        string baseline = sweep.Run("baseline", "--scenario", "grid");
        File.WriteAllText(Path.Combine(baseline, "notes.txt"), "mine");

        using (OutputDirectory.Open(baseline))
        {
            var busy = CliRunner.Run("check", sweep.File, "--scenario", "push", "--out", sweep.Out("c1"), "--baseline", baseline, "--update-baseline");
            Assert.That(busy.ExitCode, Is.EqualTo(2));
            Assert.That(busy.Error, Does.Contain("in use by"));
        }
        var (code, _, error) = CliRunner.Run("check", sweep.File, "--scenario", "push", "--out", sweep.Out("c2"), "--baseline", baseline, "--update-baseline");

        Assert.That(code, Is.Zero, error);
        Assert.That(Directory.Exists(Path.Combine(baseline, "parts")), Is.False, "the grid sweep's parts are gone");
        Assert.That(File.Exists(Path.Combine(baseline, "curves.csv")), Is.False, "and its curves");
        Assert.That(File.ReadAllText(Path.Combine(baseline, "runs.csv")), Does.Not.Contain("grid/"));
        Assert.That(File.ReadAllText(Path.Combine(baseline, "notes.txt")), Is.EqualTo("mine"));
        Assert.That(CliRunner.Run("check", sweep.File, "--scenario", "push", "--out", sweep.Out("c3"), "--baseline", baseline).ExitCode, Is.Zero);
    }

    /// <summary>A compare that finds nothing to compare is an error and leaves the earlier comparison as it was.</summary>
    [Test]
    public void Compare_NothingToCompare_KeepsTheEarlierComparison()
    {
        using var sweep = new SmallSweep();
        string a = sweep.Run("a", "--scenario", "push");
        string b = sweep.Run("b", "--scenario", "push", "--seed", "10");
        Assert.That(CliRunner.Run("compare", a, b).ExitCode, Is.Zero);
        string before = File.ReadAllText(Path.Combine(b, "comparison.csv"));

        var (code, _, error) = CliRunner.Run("compare", a, b, "--a", "push@7");

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(File.ReadAllText(Path.Combine(b, "comparison.csv")), Is.EqualTo(before));
    }

    /// <summary>A replay's directory is a whole result set: its manifest is written last, and plot reads it.</summary>
    [Test]
    public void Replay_WritesAManifest_PlotReadsIt()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Out("replay");

        var (code, _, error) = CliRunner.Run("replay", sweep.File, "--run-id", "push/p0/s1", "--out", dir, "--no-timing");

        Assert.That(code, Is.Zero, error);
        Assert.That(File.Exists(Path.Combine(dir, "manifest.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(dir, "trace.csv.tmp")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(dir, "trace.csv")), Does.StartWith("time_us,kind,node,arg\n"));
        Assert.That(CliRunner.Run("plot", dir).ExitCode, Is.Zero);
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);
}
