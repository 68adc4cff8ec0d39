using System.Diagnostics;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Cli;

/// <summary>
/// The hostile-input corpus (Tests/Cli/HostileInputs: alias bombs, deep nesting, broken syntax,
/// absurd plans, names too long for a file system, devices as files) and hostile command lines.
/// Each goes through the built gossipsim as a process, as a user would run it, and must end in
/// a clear error with exit 2, in under 10 seconds, without a stack trace.
/// </summary>
public class HostileInputTests
{
    private static string BuiltCli => Path.Combine(RepositoryRoot.Path, "Simulator", "bin", "Release", "net10.0", "gossipsim.dll");

    private static string Corpus => Path.Combine(RepositoryRoot.Path, "Tests", "Cli", "HostileInputs");

    /// <summary>What each file's error must say: its place (file:line:column) where it has one.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["alias-key-bomb.yaml"] = "alias-key-bomb.yaml:5:",
        ["billion-laughs.yaml"] = "billion-laughs.yaml:6:45: malformed YAML: the document stands for more than 1,000,000 values",
        ["billion-runs-big-sweep.yaml"] = "billion-runs-big-sweep.yaml:4:10: seeds: 100,000 sweep point(s) x 1,000,000,000 seeds",
        ["billion-runs.yaml"] = "billion-runs.yaml:4:10: seeds: 9 sweep point(s) x 1,000,000,000 seeds make 9,000,000,000 runs",
        ["binary.yaml"] = "binary.yaml: file is not UTF-8 text",
        ["count-after-exclude.yaml"] = "faults[0].crash.count: count (19) is more than the 17 nodes left to pick from after exclude",
        ["deep-brackets.yaml"] = "deep-brackets.yaml:1:75: malformed YAML: nested deeper than 64 levels",
        ["deep-maps.yaml"] = "deep-maps.yaml:65:",
        ["duplicate-key.yaml"] = "duplicate-key.yaml:4:5: malformed YAML: Duplicate key nodes",
        ["empty-sweep.yaml"] = "empty-sweep.yaml:5:12: sweep: the sweep sweeps nothing",
        ["huge-duration-updates.yaml"] = "shorten duration, or write updates or samples less often",
        ["latency-file-dev-zero.yaml"] = "latency-file-dev-zero.yaml:5:48: network.latency.file: /dev/zero:1: empty latency file (or not a regular file)",
        ["list-at-top.yaml"] = "list-at-top.yaml:1:1: expected a map",
        ["long-name.yaml"] = "long-name.yaml:2:11: name:",
        ["not-utf8.yaml"] = "not-utf8.yaml: file is not UTF-8 text",
        ["plan-of-many-scenarios.yaml"] = "plan-of-many-scenarios.yaml:5:5: sweep: with scenario 's1' the file's scenarios make at least 1,200,000 runs; the limit for one plan is 1,000,000",
        ["null-byte-name.yaml"] = "null-byte-name.yaml:2:11: name:",
        ["seed-overflow.yaml"] = "seed-overflow.yaml:6:12: seeds: 2 seeds from 18446744073709551615 would pass the largest seed",
        // A heartbeat node whose only seed is itself, listed twice, would look for another seed forever.
        ["seed-listed-twice.yaml"] = "seed-listed-twice.yaml:5:44: protocol.seeds[1]: node 1 is listed twice",
        ["sizes-under-swim.yaml"] = "sizes-under-swim.yaml:6:22: network.sizes: swim uses memberlist's own message sizes",
        ["sweep-product-overflow.yaml"] = "sweep-product-overflow.yaml:6:7: sweep: sweep has 10,000,000,000,000,000,000,000 points",
        ["tab-indent.yaml"] = "tab-indent.yaml:2:1: malformed YAML:",
        ["two-documents.yaml"] = "two-documents.yaml:4:1: expected one YAML document",
        ["unclosed-flow-list.yaml"] = "unclosed-flow-list.yaml:3:13: malformed YAML",
        ["undefined-anchor.yaml"] = "undefined-anchor.yaml:3:15: malformed YAML: alias '*nowhere' refers to no anchor",
    };

    private static IEnumerable<string> CorpusFiles() =>
        Directory.GetFiles(Corpus, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Test]
    public void Corpus_EveryFileHasAnExpectedError() =>
        Assert.That(CorpusFiles(), Is.EquivalentTo(Expected.Keys), "each corpus file says what its error must contain");

    [TestCaseSource(nameof(CorpusFiles))]
    public void CorpusFile_Run_ClearErrorExitTwo(string file)
    {
        var (code, error) = RunCli("run", Path.Combine(Corpus, file), "--out", OutDirectory(), "--quiet");
        AssertClearBadInput(code, error);
        Assert.That(error, Does.Contain(Expected[file]));
    }

    /// <summary>All but the file that is valid and only too big to run, which run's memory guard refuses.</summary>
    private static IEnumerable<string> InvalidFiles() => CorpusFiles().Where(f => f != "huge-duration-updates.yaml");

    [TestCaseSource(nameof(InvalidFiles))]
    public void CorpusFile_Validate_ClearErrorExitTwo(string file)
    {
        var (code, error) = RunCli("validate", Path.Combine(Corpus, file));
        AssertClearBadInput(code, error);
    }

    [TestCase("directory", "is a directory, not a file")]
    [TestCase("/dev/zero", "the file is empty (or not a regular file)")]
    [TestCase("--seed abc", "abc")]
    [TestCase("--frobnicate", "--frobnicate")]
    [TestCase("--seeds 2000000000", "the plan has 2,000,000,000 runs")]
    [TestCase("--seed 18446744073709551615 --seeds 2", "would pass the largest seed")]
    [TestCase("--seeds 0", "--seeds: must be at least 1")]
    [TestCase("--parallel 0", "--parallel: must be at least 1")]
    public void CommandLine_Run_ClearErrorExitTwo(string args, string expected)
    {
        InTempDirectory(dir =>
        {
            string file = Path.Combine(dir, "ok.yaml");
            File.WriteAllText(file, "scenarios:\n  - name: a\n    nodes: 10\n    duration: 1s\n");
            string[] argv = args switch
            {
                "directory" => ["run", dir, "--out", Path.Combine(dir, "out")],
                "/dev/zero" => ["run", "/dev/zero", "--out", Path.Combine(dir, "out")],
                _ => ["run", file, "--out", Path.Combine(dir, "out"), .. args.Split(' ')],
            };
            var (code, error) = RunCli(argv);
            AssertClearBadInput(code, error);
            Assert.That(error, Does.Contain(expected));
        });
    }

    /// <summary>
    /// A cluster far too large for the machine, with an expect: bound: check, replay, list --time,
    /// tune and bench refuse it by the memory guard before building anything, and validate checks
    /// the file without building it.
    /// </summary>
    [TestCase("check")]
    [TestCase("replay")]
    [TestCase("list")]
    [TestCase("tune")]
    [TestCase("bench")]
    [TestCase("validate")]
    public void ClusterTooLargeToBuild_RefusedBeforeBuilding(string command)
    {
        InTempDirectory(dir =>
        {
            string file = Path.Combine(dir, "big.yaml");
            File.WriteAllText(file, "scenarios:\n  - name: a\n    nodes: 2147483647\n    duration: 2s\n    expect: [\"t100_s_mean.max <= 1s\"]\n");
            string outDir = Path.Combine(dir, "out");
            string[] argv = command switch
            {
                "check" => ["check", file, "--out", outDir],
                "replay" => ["replay", file, "--run-id", "a/p0/s1", "--out", outDir],
                "list" => ["list", file, "--time"],
                "tune" => ["tune", file, "--scenario", "a", "--param", "protocol.fanout=1..3", "--minimize", "bytes_per_node_s_mean", "--out", outDir],
                "bench" => ["bench", "bw1", "--nodes", "2000000000"],
                _ => ["validate", file],
            };
            var (code, error) = RunCli(argv);
            if (command == "validate")
            {
                Assert.That(code, Is.Zero, error);
                return;
            }
            AssertClearBadInput(code, error);
            Assert.That(error, Does.Contain("nothing was run"));
            Assert.That(Directory.Exists(outDir), Is.False, "nothing written");
        });
    }

    /// <summary>Places no file can be made in: the option is named, exit 2, not a failure of the runs.</summary>
    [TestCase("run --out /proc/gossipsim-out", "--out: /proc/gossipsim-out: cannot be written")]
    [TestCase("init /proc/gossipsim.yaml", "/proc/gossipsim.yaml: cannot be written")]
    [TestCase("check --out OUT --junit /proc/gossipsim.xml", "--junit: /proc/gossipsim.xml: cannot be written")]
    [TestCase("bench bw1 --max-memory abc", "--max-memory: 'abc' is not a size")]
    [TestCase("tune --scenario a --param protocol.fanout=-9223372036854775807..9223372036854775807 --minimize bytes_per_node_s_mean --out OUT --levels 0", "--levels: must be 2 to 1000")]
    public void UnwritablePlaceOrBadOption_NamedExitTwo(string args, string expected)
    {
        Assume.That(OperatingSystem.IsLinux(), "/proc is Linux's");
        InTempDirectory(dir =>
        {
            string file = Path.Combine(dir, "ok.yaml");
            File.WriteAllText(file, "scenarios:\n  - name: a\n    nodes: 10\n    duration: 1s\n    expect: [\"t100_s_mean.max <= 10s\"]\n");
            var words = args.Replace("OUT", Path.Combine(dir, "out")).Split(' ');
            string[] argv = words[0] is "init" or "bench" ? words : [words[0], file, .. words[1..]];
            var (code, error) = RunCli(argv);
            AssertClearBadInput(code, error);
            Assert.That(error, Does.Contain(expected));
        });
    }

    /// <summary>A whole-number range as wide as a long can hold is thinned to levels, not a crash.</summary>
    [Test]
    public void TuneRangeAcrossTheWholeLong_Parsed()
    {
        var p = GossipSim.Simulator.Tuning.TuneParameter.Parse("protocol.fanout=-9223372036854775807..9223372036854775807", 9, out string? problem);
        Assert.That(problem, Is.Null);
        Assert.That(p!.Levels, Has.Count.InRange(2, GossipSim.Simulator.Tuning.TuneParameter.MaxWholeLevels));
    }

    [Test]
    public void CheckWithBadOption_ExitTwoNotOne()
    {
        // For check, 1 means "a bound broke": a typo on the command line must not look like that.
        var (code, error) = RunCli("check", "--seed", "abc");
        AssertClearBadInput(code, error);
    }

    /// <summary>Runs the body with a fresh temporary directory, removed after it.</summary>
    private static void InTempDirectory(Action<string> body)
    {
        string dir = Path.Combine(Path.GetTempPath(), "gossipsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            body(dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertClearBadInput(int code, string error)
    {
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Not.Contain("   at ").And.Not.Contain("internal error").And.Not.Contain("Unhandled exception"), "no stack trace, no bug report");
        Assert.That(error.Trim(), Is.Not.Empty);
        Assert.That(error.Split('\n').Length, Is.LessThan(20), "a few clear lines");
    }

    private string OutDirectory() => Path.Combine(Path.GetTempPath(), "gossipsim-tests", Guid.NewGuid().ToString("N"));

    private static (int Code, string Error) RunCli(params string[] args)
    {
        Assume.That(File.Exists(BuiltCli), $"needs the built CLI at {BuiltCli} (dotnet build -c Release)");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuiltCli);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        if (!child.WaitForExit(10_000))
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"gossipsim {string.Join(' ', args)} ran past 10 s");
        }
        child.WaitForExit();
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        return (child.ExitCode, error.Result + output.Result);
    }
}
