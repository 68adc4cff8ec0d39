using GossipSim.Analysis;
using GossipSim.Tests.Support;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Cli;

/// <summary>Bad input is exit 2 for every command, and results never misstate what was run.</summary>
public class ExitCodeTests
{
    private const string Single = """
        scenarios:
          - name: a
            nodes: 20
            duration: 2s
            protocol: {kind: pushpull, fanout: 2, interval: 200ms}
            updates: {every: 1s}
        """;

    [Test]
    public void Plot_CutShortRunsCsv_ExitTwo()
    {
        using var sweep = new SmallSweep(Single);
        string dir = sweep.Run("r");
        string runs = Path.Combine(dir, "runs.csv");
        File.WriteAllText(runs, File.ReadAllText(runs)[..^5]);

        var (code, _, error) = CliRunner.Run("plot", dir);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("cut short"));
    }

    /// <summary>
    /// A hand-edited runs.csv whose rows no longer say which run they are (a field too many shifts
    /// every value after it; a row doubled counts one run twice; a run id that disagrees with its
    /// scenario, point or seed puts a run under another configuration) is refused, naming the line.
    /// </summary>
    [TestCase("extra-field", "runs.csv:2:")]
    [TestCase("doubled", "runs.csv:3: run 'a/p0/s1' appears twice (also line 2)")]
    [TestCase("other-scenario", "runs.csv:2: run_id 'a/p0/s1' does not match its scenario, point and seed (b/p0/s1)")]
    public void Plot_HandEditedRunsCsv_ExitTwo(string edit, string expected)
    {
        using var sweep = new SmallSweep(Single);
        string dir = sweep.Run("r");
        string runs = Path.Combine(dir, "runs.csv");
        var lines = File.ReadAllLines(runs).ToList();
        var header = lines[0].Split(',').ToList();
        var first = lines[1].Split(',').ToList();
        switch (edit)
        {
            case "extra-field":
                first.Insert(header.IndexOf("error"), "stray");
                lines[1] = string.Join(',', first);
                break;
            case "doubled":
                lines.Insert(2, lines[1]);
                break;
            case "other-scenario":
                first[header.IndexOf("scenario")] = "b";
                lines[1] = string.Join(',', first);
                break;
        }
        File.WriteAllText(runs, string.Join('\n', lines) + "\n");

        var (code, _, error) = CliRunner.Run("plot", dir);

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(expected));
    }

    /// <summary>
    /// A result set holding fewer runs than its manifest plans (an interrupted run) still plots, but
    /// the report and the command say it is incomplete and which runs are missing, so a partial
    /// report never reads as the whole sweep. A shard's report counts only its own shard's runs.
    /// </summary>
    [Test]
    public void Plot_RunsMissingFromThePlan_ReportSaysIncomplete_ShardDoesNot()
    {
        using var sweep = new SmallSweep(Single.Replace("duration: 2s", "duration: 2s\n    seeds: 3"));
        string dir = sweep.Run("r");
        string runs = Path.Combine(dir, "runs.csv");
        var lines = File.ReadAllLines(runs);
        File.WriteAllText(runs, string.Join('\n', lines[..^1]) + "\n");

        var (code, _, error) = CliRunner.Run("plot", dir);

        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("1 of the 3 planned runs is not in runs.csv (a/p0/s3)"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "report.md")), Does.Contain("Incomplete: 1 of the 3 planned runs is not in these results (a/p0/s3)"));

        string whole = sweep.Run("whole");
        (code, _, error) = CliRunner.Run("compare", whole, dir, "--out", sweep.Out("cmp"));
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain($"note: {dir}: Incomplete: 1 of the 3 planned runs is not in runs.csv").And.Not.Contain($"note: {whole}:"),
            "compare says which side is partial");

        string shard = sweep.Run("shard", "--shard", "1/2");
        (code, _, error) = CliRunner.Run("plot", shard);
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(shard, "report.md")), Does.Not.Contain("Incomplete"));
    }

    [Test]
    public void Plot_ForeignCsv_ExitTwo()
    {
        using var sweep = new SmallSweep(Single);
        string dir = sweep.Out("foreign");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "runs.csv"), "name,price\napple,3\n");

        var (code, _, error) = CliRunner.Run("plot", dir);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no manifest.json"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "runs.csv")), Is.EqualTo("name,price\napple,3\n"));
        Assert.That(Directory.GetFileSystemEntries(dir), Has.Length.EqualTo(1), "plot wrote nothing beside the user's file");
    }

    /// <summary>compare --out replaces only a comparison it wrote: a user's comparison.csv or comparison.png, or a file given as --out, is refused and kept.</summary>
    [Test]
    public void Compare_OutHoldingAUsersComparisonFiles_ExitTwo_FilesKept()
    {
        using var sweep = new SmallSweep(Single);
        string a = sweep.Run("a");
        string mine = sweep.Out("mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "comparison.csv"), "my,own\n1,2\n");
        string pictures = sweep.Out("pictures");
        Directory.CreateDirectory(pictures);
        File.WriteAllText(Path.Combine(pictures, "comparison.png"), "my picture");
        string file = sweep.Out("notes.txt");
        File.WriteAllText(file, "my notes");

        foreach (string target in new[] { mine, pictures, file })
        {
            var (code, _, error) = CliRunner.Run("compare", a, a, "--out", target);
            Assert.That(code, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("--out: " + target));
        }
        Assert.That(File.ReadAllText(Path.Combine(mine, "comparison.csv")), Is.EqualTo("my,own\n1,2\n"));
        Assert.That(File.ReadAllText(Path.Combine(pictures, "comparison.png")), Is.EqualTo("my picture"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("my notes"));

        // A comparison compare wrote is its own to replace.
        string ours = sweep.Out("ours");
        Assert.That(CliRunner.Run("compare", a, a, "--out", ours).ExitCode, Is.Zero);
        Assert.That(CliRunner.Run("compare", a, a, "--out", ours).ExitCode, Is.Zero);
    }

    [Test]
    public void Compare_SetsWithNothingInCommon_ExitTwo()
    {
        using var sweep = new SmallSweep(Single);
        string a = sweep.Run("a");
        File.WriteAllText(sweep.File, Single.Replace("name: a", "name: b"));
        string b = sweep.Run("b");

        var (code, _, error) = CliRunner.Run("compare", a, b);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("nothing to compare"));
    }

    [Test]
    public void Run_SeedNearTheTop_SeedColumnAndRunIdsDoNotWrap()
    {
        using var sweep = new SmallSweep(Single);
        string dir = sweep.Run("r", "--seed", "18446744073709551614", "--seeds", "2");

        var rows = CsvTable.Read(Path.Combine(dir, "runs.csv"));

        Assert.That(rows.Select(r => r.Get("seed")), Is.EqualTo(new[] { "18446744073709551614", "18446744073709551615" }));
        Assert.That(rows.Select(r => r.Get("run_id")), Is.EqualTo(new[] { "a/p0/s18446744073709551614", "a/p0/s18446744073709551615" }));
    }

    [Test]
    public void Check_UnknownOption_ExitTwo()
    {
        using var sweep = new SmallSweep(Single);
        var (code, _, error) = CliRunner.Run("check", sweep.File, "--frobnicate");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--frobnicate"));
    }
}
