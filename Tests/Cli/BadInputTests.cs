using GossipSim.Tests.Support;

namespace GossipSim.Tests.Cli;

/// <summary>Bad input: one clear line naming file, line and key; exit code 2; nothing written; no stack trace.</summary>
public class BadInputTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = CliRunner.TempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Error, string Output) RunFile(string yaml)
    {
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, yaml);
        string output = Path.Combine(_dir, "out");
        var (code, _, error) = CliRunner.Run("run", file, "--out", output, "--quiet");
        return (code, error, output);
    }

    private static void AssertOneClearError(int code, string error, string fragment)
    {
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(fragment));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void MissingFile_Exit2()
    {
        var (code, _, error) = CliRunner.Run("run", Path.Combine(_dir, "nope.yaml"), "--quiet");
        AssertOneClearError(code, error, "nope.yaml: file not found");
    }

    /// <summary>A file name that starts with @ is a file name, not a response file of more arguments.</summary>
    [Test]
    public void FileNameStartingWithAt_ReadAsAFile()
    {
        var (code, _, error) = CliRunner.Run("validate", "@nope.yaml");
        AssertOneClearError(code, error, "@nope.yaml: file not found");
    }

    [TestCase("scenarios:\n  - name: a\n    protocol: {fanout: [\n", "bad.yaml:4:1: malformed YAML")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {fanuot: 3}\n", "bad.yaml:3:16: protocol.fanuot: unknown key 'fanuot'")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {fanout: -1}\n", "bad.yaml:3:24: protocol.fanout: must be >= 1")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {preset: akka, allow_weakly_up_members: 0s}\n", "bad.yaml:3:55: protocol.allow_weakly_up_members: must be > 0, or off")]
    [TestCase("scenarios:\n  - name: a\n    network: {loss: 1.5}\n", "bad.yaml:3:21: network.loss: must be in [0, 1]")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 10\n    protocol: {fanout: 10}\n", "bad.yaml:4:24: protocol.fanout: fanout (10) must be < nodes (10)")]
    public void BadFile_OneClearLineWithPosition_Exit2AndNothingWritten(string yaml, string expected)
    {
        var (code, error, output) = RunFile(yaml);
        AssertOneClearError(code, error, expected);
        Assert.That(Directory.Exists(output), Is.False, "nothing is written for bad input");
    }

    [Test]
    public void UnknownKey_SuggestsNearest()
    {
        var (code, error, _) = RunFile("scenarios:\n  - name: a\n    protocol: {fanuot: 3}\n");
        AssertOneClearError(code, error, "did you mean 'fanout'?");
    }

    [Test]
    public void UnknownScenario_Exit2WithSuggestion()
    {
        string file = Path.Combine(_dir, "ok.yaml");
        File.WriteAllText(file, "scenarios:\n  - name: quickstart\n    nodes: 20\n");
        var (code, _, error) = CliRunner.Run("run", file, "--scenario", "quickstrat", "--quiet");
        AssertOneClearError(code, error, "did you mean 'quickstart'?");
    }

    /// <summary>An empty path or value ("" from a script whose variable was unset) is bad input, named by its option, before anything runs.</summary>
    [TestCase("--out", "run", "--out", "")]
    [TestCase("DIR", "merge", "", "--out", "m")]
    [TestCase("--out", "merge", "x", "--out", "")]
    [TestCase("--out", "compare", "x", "y", "--out", "")]
    [TestCase("--out", "replay", "--run-id", "a/p0/s1", "--out", "")]
    [TestCase("FILE", "init", "")]
    [TestCase("--out", "tune", "--scenario", "a", "--param", "nodes=2..4", "--minimize", "events", "--out", "")]
    [TestCase("--junit", "check", "--junit", "")]
    public void EmptyValue_NamesTheOption_Exit2(string named, params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        AssertOneClearError(code, error, $"{named}: is empty");
    }

    /// <summary>A value of the wrong kind is described in words a user knows, not as a .NET type name.</summary>
    [TestCase("--seed", "-1", "'-1' for --seed: expected a whole number from 0 to 18446744073709551615")]
    [TestCase("--seeds", "1.5", "'1.5' for --seeds: expected a whole number")]
    [TestCase("--parallel", "99999999999", "'99999999999' for --parallel: expected a whole number")]
    public void OptionOfTheWrongKind_SaysWhatIsExpected_Exit2(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run("run", "x.yaml", option, value);
        AssertOneClearError(code, error, expected);
        Assert.That(error, Does.Not.Contain("System."));
    }

    /// <summary>An output path under a file (a scenario file taken for a folder) is bad input named as such, before anything runs.</summary>
    [Test]
    public void OutputUnderAFile_NamesTheFile_Exit2BeforeRunning()
    {
        string file = Path.Combine(_dir, "ok.yaml");
        File.WriteAllText(file, "scenarios:\n  - name: a\n    nodes: 20\n    duration: 2s\n    expect: [events.mean > 0]\n");
        string results = Path.Combine(_dir, "results");
        Assert.That(CliRunner.Run("run", file, "--out", results, "--quiet").ExitCode, Is.Zero);
        string under = Path.Combine(file, "out");
        foreach (string[] args in new[]
        {
            new[] { "run", file, "--out", under, "--quiet" },
            ["check", file, "--out", Path.Combine(_dir, "checked"), "--junit", Path.Combine(under, "junit.xml")],
            ["compare", results, results, "--out", under],
        })
        {
            var (code, _, error) = CliRunner.Run(args);
            AssertOneClearError(code, error, $"{file} is a file, so nothing can be written under it");
        }
        Assert.That(Directory.Exists(Path.Combine(_dir, "checked")), Is.False, "check ran nothing");
    }
}
