using GossipSim.Analysis;
using GossipSim.Simulator.Cli;
using GossipSim.Tests.Support;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Cli;

/// <summary>
/// A results directory never loses a user's files and never mixes runs: check clears only what
/// gossipsim wrote, resume and merge take only parts made from the very spec of the plan, a second
/// writer is refused, and a failed write leaves no half file under a result's name.
/// </summary>
public class ResultDirectoryTests
{
    private const string Checked = """
        defaults:
          nodes: 30
          duration: 2s
          seeds: 2
          protocol: {kind: pushpull, fanout: 2, interval: 200ms}
          updates: {every: 1s}
        scenarios:
          - name: a
            expect: [t100_s_mean.mean <= 10s]
        """;

    [Test]
    public void Check_OutIsAUserDirectory_RefusedAndNothingRemoved()
    {
        using var sweep = new SmallSweep(Checked);
        string dir = sweep.Out("thesis");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "thesis.tex"), "x");

        var (code, _, error) = CliRunner.Run("check", sweep.File, "--out", dir);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("not a gossipsim result directory"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "thesis.tex")), Is.EqualTo("x"));
        Assert.That(Directory.GetFileSystemEntries(dir).Select(Path.GetFileName), Is.EqualTo(new[] { "thesis.tex" }), "nothing written into it");
    }

    [Test]
    public void Check_OutIsItsOwnResultSet_ClearsOnlyWhatItWrote()
    {
        using var sweep = new SmallSweep(Checked);
        string dir = sweep.Run("results", "--seed", "40", "--seeds", "3");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        var (code, output, error) = CliRunner.Run("check", sweep.File, "--out", dir);

        Assert.That(code, Is.Zero, error);
        Assert.That(output, Does.Contain("1 of 1 checks passed (2 runs in"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "notes.txt")), Is.EqualTo("mine"));
        Assert.That(Directory.GetDirectories(Path.Combine(dir, "parts")).Select(Path.GetFileName), Is.EquivalentTo(new[] { "a__p0__s1", "a__p0__s2" }),
            "the earlier run's parts (seeds 40-42) were removed, the check's are there");
    }

    [Test]
    public void Resume_WithAnotherSet_RefusedNamingTheSpecHash()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r");
        string before = SmallSweep.Bytes(dir, "runs.csv");

        foreach (string[] extra in new[] { new[] { "--resume" }, Array.Empty<string>() })
        {
            var (code, _, error) = CliRunner.Run(["run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--set", "network.loss=0.5", .. extra]);
            Assert.That(code, Is.EqualTo(2), string.Join(" ", extra));
            Assert.That(error, Does.Contain("holds results of another configuration").And.Contain("it was run from a different spec"));
        }
        Assert.That(SmallSweep.Bytes(dir, "runs.csv"), Is.EqualTo(before), "refused before anything was written");
    }

    [Test]
    public void Resume_AfterTheFileWasEdited_Refused()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r");
        File.WriteAllText(sweep.File, SmallSweep.Yaml.Replace("nodes: 60", "nodes: 70"));

        var (code, _, error) = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--resume");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("it was run from a different spec"));
    }

    /// <summary>
    /// Runs kept by --resume were computed by the version that wrote the directory; another version
    /// may compute other results from the same spec, so resuming across versions is refused. A run
    /// without --resume (which replaces every run) is not.
    /// </summary>
    [Test]
    public void Resume_DirectoryOfAnotherVersion_Refused_RunWithoutResumeReplacesIt()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r");
        // Each part records the version that computed it; one part of another version is enough.
        string record = Path.Combine(dir, "parts", "grid__p1__s2", "part.json");
        File.WriteAllText(record, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(record), "\"tool_version\": \"[^\"]*\"", "\"tool_version\": \"0.9.0\""));
        string before = SmallSweep.Bytes(dir, "runs.csv");

        var (code, _, error) = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--resume");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("written by gossipsim 0.9.0"));
        Assert.That(SmallSweep.Bytes(dir, "runs.csv"), Is.EqualTo(before));

        Assert.That(CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing").ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--resume").ExitCode, Is.Zero);
    }

    [TestCase("truncate", "events.csv is not the file that was written")]
    [TestCase("delete", "events.csv is missing")]
    [TestCase("record", "part.json does not parse")]
    public void Resume_DamagedPart_RunAgainAndResultsWhole(string damage, string reason)
    {
        using var sweep = new SmallSweep();
        string whole = sweep.Run("whole");
        string dir = sweep.Run("damaged");
        string part = Path.Combine(dir, "parts", "grid__p1__s2");
        string events = Path.Combine(part, "events.csv");
        switch (damage)
        {
            case "truncate": File.WriteAllText(events, File.ReadAllText(events)[..40]); break;
            case "delete": File.Delete(events); break;
            default: File.WriteAllText(Path.Combine(part, "part.json"), "{\"run_id\": "); break;
        }

        var (code, _, error) = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet", "--no-timing", "--resume");

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("parts/grid__p1__s2 will be run again").And.Contain(reason));
        SmallSweep.AssertSameResults(whole, dir);
    }

    [Test]
    public void Merge_ShardsRunWithDifferentSet_Refused()
    {
        using var sweep = new SmallSweep();
        sweep.Run("s1", "--shard", "1/2");
        sweep.Run("s2", "--shard", "2/2", "--set", "network.loss=0.5");

        var (code, _, error) = CliRunner.Run("merge", sweep.Out("s1"), sweep.Out("s2"), "--out", sweep.Out("m"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("has a different spec hash"));
        Assert.That(Directory.Exists(sweep.Out("m")), Is.False);
    }

    [Test]
    public void Merge_PartSwappedForOneOfAnotherSpec_Refused()
    {
        using var sweep = new SmallSweep();
        sweep.Run("s1", "--shard", "1/2");
        sweep.Run("s2", "--shard", "2/2");
        sweep.Run("lossy", "--set", "network.loss=0.5");
        // Same run id, same manifests, but the rows inside one part come from loss 0.5.
        string folder = Directory.GetDirectories(Path.Combine(sweep.Out("s2"), "parts")).First();
        Directory.Delete(folder, recursive: true);
        CopyDirectory(Path.Combine(sweep.Out("lossy"), "parts", Path.GetFileName(folder)), folder);

        var (code, _, error) = CliRunner.Run("merge", sweep.Out("s1"), sweep.Out("s2"), "--out", sweep.Out("m"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("it was run from a different spec"));
    }

    [Test]
    public void Run_WhileAnotherHoldsTheDirectory_RefusedNamingTheHolder()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Out("busy");
        using (OutputDirectory.Open(dir))
        {
            var (code, _, error) = CliRunner.Run("run", sweep.File, "--out", dir, "--quiet");
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"in use by gossipsim process {Environment.ProcessId}"));
            Assert.That(Directory.Exists(Path.Combine(dir, "parts")), Is.False, "the refused run wrote nothing");
        }
        sweep.Run("busy");
    }

    /// <summary>The note naming a directory's holder is there while a command holds it, and gone once it lets go.</summary>
    [Test]
    public void HolderNote_RemovedWhenTheCommandLetsGo()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Out("held");
        string note = Path.Combine(dir, OutputDirectory.HolderFile);
        using (OutputDirectory.Open(dir))
            Assert.That(File.ReadAllText(note), Does.Contain($"gossipsim process {Environment.ProcessId}"));
        Assert.That(File.Exists(note), Is.False);
        sweep.Run("held");
        Assert.That(CliRunner.Run("plot", dir).ExitCode, Is.Zero);
        Assert.That(File.Exists(note), Is.False, "neither run nor plot leaves it");
    }

    /// <summary>
    /// A new report removes the figures the earlier report showed (one no longer drawn must not
    /// linger) and nothing else in plots/: a figure of the user's stays, through plot and through
    /// a run that replaces the report.
    /// </summary>
    [Test]
    public void Report_RemovesOnlyTheEarlierReportsFigures_UsersFiguresStay()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("r");
        string plots = Path.Combine(dir, "plots");
        File.WriteAllText(Path.Combine(plots, "my-figure.svg"), "<svg>mine</svg>");
        File.WriteAllText(Path.Combine(plots, "holiday.png"), "mine");
        File.WriteAllText(Path.Combine(plots, "retired_figure.svg"), "<svg>drawn by an earlier report</svg>");
        File.AppendAllText(Path.Combine(dir, "report.md"), "![retired](plots/retired_figure.svg)\n");

        Assert.That(CliRunner.Run("plot", dir).ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(plots, "retired_figure.svg")), Is.False, "the earlier report's figure is gone");
        Assert.That(Directory.GetFiles(plots, "*.svg").Length, Is.GreaterThan(2), "the new report's figures are drawn");

        sweep.Run("r");
        Assert.That(File.ReadAllText(Path.Combine(plots, "my-figure.svg")), Is.EqualTo("<svg>mine</svg>"));
        Assert.That(File.ReadAllText(Path.Combine(plots, "holiday.png")), Is.EqualTo("mine"));
    }

    /// <summary>compare reads both sets and writes into the second by default: a set a run holds is refused, and nothing is written.</summary>
    [Test]
    public void Compare_WhileAnotherHoldsADirectory_RefusedNamingTheHolder()
    {
        using var sweep = new SmallSweep();
        string a = sweep.Run("a");
        string b = sweep.Run("b");
        using (OutputDirectory.Open(b))
        {
            var (code, _, error) = CliRunner.Run("compare", a, b);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"in use by gossipsim process {Environment.ProcessId}"));
            Assert.That(File.Exists(Path.Combine(b, "comparison.csv")), Is.False, "the refused compare wrote nothing");
        }
        Assert.That(CliRunner.Run("compare", a, b).ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(b, "comparison.csv")), Is.True);
    }

    /// <summary>plot rewrites a result set's report, so it waits its turn like any writer: a directory a run holds is refused, its report untouched.</summary>
    [Test]
    public void Plot_WhileAnotherHoldsTheDirectory_RefusedNamingTheHolder()
    {
        using var sweep = new SmallSweep();
        string dir = sweep.Run("busy");
        string report = Path.Combine(dir, "report.md");
        File.WriteAllText(report, "the holder's report\n");
        using (OutputDirectory.Open(dir))
        {
            var (code, _, error) = CliRunner.Run("plot", dir);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain($"in use by gossipsim process {Environment.ProcessId}"));
            Assert.That(File.ReadAllText(report), Is.EqualTo("the holder's report\n"));
        }
        Assert.That(CliRunner.Run("plot", dir).ExitCode, Is.Zero);
    }

    [Test]
    public void AtomicWrite_FailingHalfway_LeavesTheEarlierFileAndNoTemporary()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            string path = Path.Combine(dir, "runs.csv");
            File.WriteAllText(path, "earlier\n");
            Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
            {
                stream.Write("half a fi"u8);
                throw new IOException("No space left on device", 28);
            }));
            Assert.That(File.ReadAllText(path), Is.EqualTo("earlier\n"));
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EqualTo(new[] { "runs.csv" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void FullDisk_ReportedAsSuchWithExitOne()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full (Linux) for a real ENOSPC");
        var error = new StringWriter();
        var old = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            // A write error thrown from parallel work arrives wrapped, as a sweep's commits do.
            code = GossipSim.Simulator.Cli.Cli.Guard(() =>
            {
                Parallel.For(0, 1, _ =>
                {
                    using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
                    full.Write(new byte[4096]);
                    full.Flush();
                });
                return 0;
            });
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.ToString(), Does.StartWith("error: the disk is full").And.Not.Contain("internal error"));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
