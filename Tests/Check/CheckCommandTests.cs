using System.Xml.Linq;
using GossipSim.Analysis;
using GossipSim.Tests.Support;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Check;

/// <summary>gossipsim check: bounds, exit codes, JUnit, baselines; and replay of the run a failure names.</summary>
public class CheckCommandTests
{
    private static readonly string Yaml = TestYaml.Defaults(nodes: 80, duration: "5s", seeds: 8, fanout: 3) + """
        scenarios:
          - name: meets
            tags: [ci]
            expect: [t100_s_mean.mean <= 3s, "bytes_per_node_s_max.max <= 40KB/s", known_fraction_mean.min >= 99%]
          - name: misses
            expect: [t100_s_mean.max < 1ms]
          - name: chosen
            baseline: {bytes_per_node_s_mean: 10%, known_fraction_mean: "0.05"}
        """;

    private SmallSweep _files = null!;

    [SetUp]
    public void SetUp() => _files = new SmallSweep(Yaml);

    [TearDown]
    public void TearDown() => _files.Dispose();

    private (int Code, string Out, string Error) Check(params string[] extra) =>
        CliRunner.Run(["check", _files.File, "--out", _files.Out("check"), .. extra]);

    /// <summary>A misspelt baseline metric is refused before anything runs, with the nearest name, as a misspelt bound is.</summary>
    [Test]
    public void BaselineMetricMisspelt_RefusedUpFront()
    {
        File.WriteAllText(_files.File, Yaml.Replace("bytes_per_node_s_mean: 10%", "bytes_per_node_s_maen: 10%"));

        var (validate, _, validateError) = CliRunner.Run("validate", _files.File);
        var (code, _, error) = Check("--scenario", "chosen", "--baseline", _files.Out("nowhere"));

        Assert.That(validate, Is.EqualTo(2));
        Assert.That(validateError, Does.Contain("baseline.bytes_per_node_s_maen: the runs of scenario 'chosen' have no metric 'bytes_per_node_s_maen'; did you mean 'bytes_per_node_s_mean'?"));
        Assert.That(code, Is.EqualTo(2));
    }

    /// <summary>
    /// A ci_high bound on a point that runs one seed could only fail, after every run: refused before
    /// anything runs, at the bound; --seeds 2 lets it run, and a rare-event rate's Poisson interval
    /// needs no second seed.
    /// </summary>
    [Test]
    public void CiHighBoundWithOneSeed_RefusedAtTheBoundBeforeAnyRun()
    {
        File.WriteAllText(_files.File, Yaml.Replace("expect: [t100_s_mean.max < 1ms]", "seeds: 1\n    expect: [t100_s_mean.ci_high <= 3s]"));

        var (code, _, error) = Check("--scenario", "misses");
        bool ranAnything = Directory.Exists(_files.Out("check"));
        var (twoSeeds, _, _) = Check("--scenario", "misses", "--seeds", "2");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Match(@"\.yaml:14:14: expect\[0\]: ci_high is the top of a 95% interval across seeds and needs at least 2; scenario 'misses' runs 1"));
            Assert.That(ranAnything, Is.False, "nothing ran");
            Assert.That(twoSeeds, Is.Zero);
        });
    }

    /// <summary>A baseline that shares nothing with the check compares nothing, and that fails: it must not pass as "0 of 0".</summary>
    [Test]
    public void BaselineSharingNothing_Fails()
    {
        string baseline = _files.Out("baseline");
        Assert.That(Check("--scenario", "meets", "--seeds", "2", "--update-baseline", "--baseline", baseline).Code, Is.Zero);

        var (code, output, _) = Check("--scenario", "misses", "--seeds", "2", "--baseline", baseline);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("nothing was compared"));
    }

    [Test]
    public void ScenarioMeetingItsBounds_Passes_Exit0AndJUnitWithoutFailures()
    {
        string junit = _files.Out("junit.xml");
        var (code, output, error) = Check("--tag", "ci", "--junit", junit);
        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("3 of 3 checks passed"));
        Assert.That(File.ReadAllBytes(junit)[..5], Is.EqualTo("<?xml"u8.ToArray()), "no byte-order mark before the XML declaration");
        var root = XDocument.Load(junit).Root!;
        Assert.That(root.Attribute("tests")!.Value, Is.EqualTo("3"));
        Assert.That(root.Attribute("failures")!.Value, Is.EqualTo("0"));
    }

    [Test]
    public void ScenarioMissingItsBound_Exit1_JUnitFailureNamesBoundAndWorstSeed()
    {
        string junit = _files.Out("junit.xml");
        var (code, output, _) = Check("--scenario", "misses", "--junit", junit);
        Assert.That(code, Is.EqualTo(1));
        var failure = XDocument.Load(junit).Descendants("failure").Single();
        Assert.That(failure.Attribute("message")!.Value, Does.StartWith("t100_s_mean.max < 1ms: bound broken"));
        // The worst seed named is the run with the largest t100 among the eight.
        var runs = CsvTable.Read(Path.Combine(_files.Out("check"), "runs.csv"));
        string worst = runs.MaxBy(r => ResultColumns.Number(r, "t100_s_mean"))!.Get("run_id")!;
        Assert.That(failure.Value, Does.Contain("gossipsim replay --run-id " + worst));
        Assert.That(output, Does.Contain("FAIL"));
    }

    /// <summary>check --threads splits its runs (same results) and judges the same: the same verdicts and the same runs.csv.</summary>
    [Test]
    public void Threads_SameRunsAndVerdicts()
    {
        var (code, output, error) = Check("--tag", "ci");
        Assert.That(code, Is.Zero, output + error);
        string one = File.ReadAllText(Path.Combine(_files.Out("check"), "runs.csv"));
        var (splitCode, splitOutput, splitError) = Check("--tag", "ci", "--threads", "2");
        Assert.That(splitCode, Is.Zero, splitOutput + splitError);
        Assert.That(splitOutput, Is.EqualTo(output));
        Assert.That(File.ReadAllText(Path.Combine(_files.Out("check"), "runs.csv")), Is.EqualTo(one));
        Assert.That(splitError, Does.Not.Contain("ran on one thread"), "these runs split");
    }

    [Test]
    public void BadInput_Exit2()
    {
        Assert.That(Check("--tolerance", "lots").Code, Is.EqualTo(2));
        Assert.That(Check("--update-baseline").Code, Is.EqualTo(2));
        Assert.That(Check("--baseline", _files.Out("nowhere")).Code, Is.EqualTo(2));
    }

    /// <summary>A baseline is stored only into a new or empty directory or a result set: a folder of the user's keeps its files, and nothing runs.</summary>
    [Test]
    public void UpdateBaseline_IntoAUsersFolderOrAFile_Exit2BeforeRunning_NothingOverwritten()
    {
        string folder = _files.Out("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "runs.csv"), "my own table\n");
        string file = _files.Out("notes.txt");
        File.WriteAllText(file, "my notes\n");

        foreach (string target in new[] { folder, file })
        {
            var (code, _, error) = Check("--scenario", "meets", "--update-baseline", "--baseline", target);
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("--baseline: " + target));
        }
        Assert.That(File.ReadAllText(Path.Combine(folder, "runs.csv")), Is.EqualTo("my own table\n"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("my notes\n"));
        Assert.That(Directory.Exists(_files.Out("check")), Is.False, "nothing was run");
    }

    /// <summary>--junit names a file check may write: a directory, or a file that is not a JUnit report of check, is refused before anything runs.</summary>
    [Test]
    public void JUnit_ADirectoryOrAUsersFile_Exit2BeforeRunning_FileKept()
    {
        string folder = _files.Out("reports");
        Directory.CreateDirectory(folder);
        string file = _files.Out("notes.xml");
        File.WriteAllText(file, "<notes>mine</notes>\n");

        foreach (string target in new[] { folder, file })
        {
            var (code, _, error) = Check("--scenario", "meets", "--junit", target);
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("--junit: " + target));
        }
        Assert.That(File.ReadAllText(file), Is.EqualTo("<notes>mine</notes>\n"));
        Assert.That(Directory.Exists(_files.Out("check")), Is.False, "nothing was run");
    }

    /// <summary>A JUnit report an earlier check wrote is replaced by the new one.</summary>
    [Test]
    public void JUnit_AnEarlierReport_IsReplaced()
    {
        string junit = _files.Out("junit.xml");
        Assert.That(Check("--scenario", "misses", "--junit", junit).Code, Is.EqualTo(1));
        Assert.That(Check("--scenario", "meets", "--junit", junit).Code, Is.Zero);
        Assert.That(XDocument.Load(junit).Root!.Attribute("failures")!.Value, Is.EqualTo("0"));
    }

    /// <summary>
    /// The baseline and --out are one directory (however spelt): check would clear the baseline and
    /// compare the runs with themselves, passing whatever they measured. Refused before anything runs.
    /// </summary>
    [Test]
    public void Baseline_SameDirectoryAsOut_Exit2_BaselineKept()
    {
        string baseline = _files.Out("baseline");
        Assert.That(Check("--scenario", "chosen", "--seeds", "2", "--update-baseline", "--baseline", baseline).Code, Is.Zero);
        byte[] runs = File.ReadAllBytes(Path.Combine(baseline, "runs.csv"));

        foreach (string[] extra in new[] { new[] { "--baseline", baseline }, ["--baseline", baseline + "/", "--update-baseline"] })
        {
            var (code, _, error) = CliRunner.Run(["check", _files.File, "--scenario", "chosen", "--seeds", "2", "--out", baseline, .. extra]);
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("is also the --out directory"));
        }
        Assert.That(File.ReadAllBytes(Path.Combine(baseline, "runs.csv")), Is.EqualTo(runs), "the baseline is untouched");
    }

    /// <summary>A tolerance that is not a finite number would let every baseline comparison pass (or fail) whatever was measured.</summary>
    [TestCase("NaN")]
    [TestCase("Infinity%")]
    [TestCase("1e400")]
    public void Tolerance_NotFinite_Exit2BeforeRunning(string tolerance)
    {
        var (code, _, error) = Check("--tolerance", tolerance, "--scenario", "meets");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"--tolerance: '{tolerance}' is not a tolerance"));
        Assert.That(Directory.Exists(_files.Out("check")), Is.False, "nothing was run");
    }

    [Test]
    public void Baseline_SlowerSettingFanout1_FailsAndUnchangedOverFreshSeeds_Passes()
    {
        string baseline = _files.Out("baseline");
        var (stored, _, storeError) = Check("--tag", "ci", "--baseline", baseline, "--update-baseline");
        Assert.That(stored, Is.Zero, storeError);
        Assert.That(File.Exists(Path.Combine(baseline, "runs.csv")));

        var (same, sameOut, _) = Check("--tag", "ci", "--baseline", baseline, "--seed", "1001");
        Assert.That(same, Is.Zero, "unchanged settings over fresh seeds pass:\n" + sameOut);

        var (slower, slowerOut, _) = Check("--tag", "ci", "--baseline", baseline, "--seed", "1001", "--set", "protocol.fanout=1");
        Assert.That(slower, Is.EqualTo(1), slowerOut);
        Assert.That(slowerOut, Does.Contain("baseline t100_s_mean: significantly worse than the baseline"));
    }

    [Test]
    public void Baseline_ScenarioChoosesItsMetrics_OnlyThoseAreComparedAndPairedOnSameSeeds()
    {
        string baseline = _files.Out("baseline");
        Assert.That(Check("--scenario", "chosen", "--baseline", baseline, "--update-baseline").Code, Is.Zero);
        // Fanout 1 makes t100 far worse, but the scenario compares only bytes and known fraction, and fanout 1 sends fewer bytes.
        var (code, output, _) = Check("--scenario", "chosen", "--baseline", baseline, "--set", "protocol.fanout=1");
        Assert.That(code, Is.Zero, output);
        var checkedLines = output.Split('\n').Where(l => l.Contains("baseline ")).ToList();
        Assert.That(checkedLines.Select(l => l.Contains("bytes_per_node_s_mean") || l.Contains("known_fraction_mean")), Is.All.True, output);
        Assert.That(checkedLines, Has.Count.EqualTo(2), "every baseline row is printed, passing or not");
        Assert.That(output, Does.Contain("+10% (paired t)").And.Contain("+5% (paired t)"), "the same seeds pair, each metric at its own tolerance");
    }

    [Test]
    public void Compare_SetsSharingNothing_Exit2()
    {
        string a = _files.Run("a", "--scenario", "meets");
        string b = _files.Run("b", "--scenario", "misses");
        var (code, _, error) = CliRunner.Run("compare", a, b, "--out", _files.Out("cmp"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("share no scenario and sweep point"));
        var (named, output, namedError) = CliRunner.Run("compare", a, b, "--a", "meets@0", "--b", "misses@0", "--out", _files.Out("cmp"));
        Assert.That(named, Is.Zero, namedError);
        Assert.That(output, Does.Contain("paired by seed"));
    }

    [Test]
    public void Replay_RunOfASweep_SameBytesAndATrace()
    {
        string sweep = _files.Run("sweep", "--scenario", "meets");
        string replay = _files.Out("replay");
        var (code, _, error) = CliRunner.Run("replay", _files.File, "--run-id", "meets/p0/s5", "--out", replay, "--no-timing");
        Assert.That(code, Is.Zero, error);
        string Rows(string dir, string file) => string.Join("\n", File.ReadAllLines(Path.Combine(dir, file)).Where(l => l.StartsWith("meets/p0/s5,")));
        Assert.That(Rows(replay, "runs.csv"), Is.EqualTo(Rows(sweep, "runs.csv")).And.Not.Empty);
        Assert.That(Rows(replay, "events.csv"), Is.EqualTo(Rows(sweep, "events.csv")).And.Not.Empty);
        var trace = File.ReadAllLines(Path.Combine(replay, "trace.csv"));
        long events = long.Parse(CsvTable.Read(Path.Combine(replay, "runs.csv")).Single().Get("events")!);
        Assert.That(trace.Length - 1, Is.EqualTo(events), "one trace line per event handled");
    }

    [Test]
    public void Replay_UnknownPoint_Exit2()
    {
        var (code, _, error) = CliRunner.Run("replay", _files.File, "--run-id", "meets/p3/s1", "--out", _files.Out("r"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no point 3"));
    }
}
