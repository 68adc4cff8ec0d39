using GossipSim.Tests.Support;

namespace GossipSim.Tests.Cli;

public class RunCommandTests
{
    private static readonly string Scenario = TestYaml.Defaults(nodes: 300, duration: "12s", seeds: 3, fanout: 2) + """
        scenarios:
          - name: small
          - name: small-push
            protocol: {kind: push}
        """;

    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = CliRunner.TempDirectory();
        File.WriteAllText(Path.Combine(_dir, "s.yaml"), Scenario);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Run(string name, params string[] extra)
    {
        string output = Path.Combine(_dir, name);
        var (code, _, error) = CliRunner.Run(["run", Path.Combine(_dir, "s.yaml"), "--out", output, "--quiet", .. extra]);
        Assert.That(code, Is.Zero, error);
        return output;
    }

    private static string Bytes(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    /// <summary>Split runs give the sweep's bytes; asked for more threads than cores, run does it and says so.</summary>
    [Test]
    public void Run_Threads_SameBytesAndANoteWhenCoresAreOversubscribed()
    {
        string one = Run("one", "--no-timing", "--parallel", "1");
        string split = Run("split", "--no-timing", "--threads", "2");
        foreach (string file in new[] { "runs.csv", "events.csv", "curves.csv" })
            Assert.That(Bytes(split, file), Is.EqualTo(Bytes(one, file)), file);
        var (code, _, error) = CliRunner.Run(["run", Path.Combine(_dir, "s.yaml"), "--out", Path.Combine(_dir, "over"), "--quiet", "--threads", "2",
            "--parallel", (Environment.ProcessorCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("more threads than this machine's"));
        Assert.That(error, Does.Not.Contain("ran on one thread"), "every run of this file splits");
        Assert.That(CliRunner.Run("run", Path.Combine(_dir, "s.yaml"), "--out", Path.Combine(_dir, "bad"), "--threads", "0").ExitCode, Is.EqualTo(2));
    }

    /// <summary>Runs --threads cannot split (SWIM here) run on one thread, and run says how many.</summary>
    [Test]
    public void Run_ThreadsWithRunsThatCannotSplit_SaysHowManyRanOnOne()
    {
        string yaml = TestYaml.Defaults(nodes: 40, duration: "2s", seeds: 2, fanout: 2) + """
            scenarios:
              - name: rumor
              - name: swim
                protocol: {preset: memberlist-lan}
                updates: none
            """;
        File.WriteAllText(Path.Combine(_dir, "mixed.yaml"), yaml);
        var (code, _, error) = CliRunner.Run("run", Path.Combine(_dir, "mixed.yaml"), "--out", Path.Combine(_dir, "mixed"), "--quiet", "--threads", "2");
        Assert.That(code, Is.Zero, error);
        Assert.That(error, Does.Contain("note: --threads 2 split 2 of the 4 runs made now; 2 ran on one thread"));
    }

    [Test]
    public void Run_SameSeedTwice_ByteIdenticalOutputs()
    {
        string a = Run("a", "--no-timing");
        string b = Run("b", "--no-timing");
        Assert.That(Bytes(a, "runs.csv"), Is.EqualTo(Bytes(b, "runs.csv")));
        Assert.That(Bytes(a, "events.csv"), Is.EqualTo(Bytes(b, "events.csv")));
        Assert.That(File.Exists(Path.Combine(a, "manifest.json")));
        Assert.That(File.ReadAllLines(Path.Combine(a, "runs.csv")), Has.Length.EqualTo(1 + 2 * 3));
    }

    [Test]
    public void Run_OtherSeed_DifferentOutputs()
    {
        string a = Run("a", "--no-timing");
        string b = Run("b", "--no-timing", "--seed", "7");
        Assert.That(Bytes(a, "events.csv"), Is.Not.EqualTo(Bytes(b, "events.csv")));
    }

    [Test]
    public void Run_Parallel2_SameBytesAsParallel1()
    {
        string one = Run("one", "--no-timing", "--parallel", "1");
        string two = Run("two", "--no-timing", "--parallel", "2");
        Assert.That(Bytes(two, "runs.csv"), Is.EqualTo(Bytes(one, "runs.csv")));
        Assert.That(Bytes(two, "events.csv"), Is.EqualTo(Bytes(one, "events.csv")));
    }

    [Test]
    public void Run_NoTiming_LeavesWallClockColumnsOut()
    {
        string timed = Run("timed");
        string untimed = Run("untimed", "--no-timing");
        string header(string d) => File.ReadLines(Path.Combine(d, "runs.csv")).First();
        Assert.That(header(timed), Does.Contain("wall_s"));
        Assert.That(header(untimed), Does.Not.Contain("wall_s"));
    }

    [Test]
    public void Run_SetOverride_ChangesTheRun()
    {
        string a = Run("a", "--no-timing", "--scenario", "small");
        string b = Run("b", "--no-timing", "--scenario", "small", "--set", "protocol.fanout=1");
        Assert.That(Bytes(a, "runs.csv"), Is.Not.EqualTo(Bytes(b, "runs.csv")));
    }

    [Test]
    public void Run_Resume_SkipsCommittedRunsAndGivesSameBytes()
    {
        string full = Run("full", "--no-timing");
        string partial = Run("partial", "--no-timing", "--scenario", "small");
        var (code, _, _) = CliRunner.Run("run", Path.Combine(_dir, "s.yaml"), "--out", partial, "--quiet", "--no-timing", "--resume");
        Assert.That(code, Is.Zero);
        Assert.That(Bytes(partial, "runs.csv"), Is.EqualTo(Bytes(full, "runs.csv")));
        Assert.That(Bytes(partial, "events.csv"), Is.EqualTo(Bytes(full, "events.csv")));
    }
}
