using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Tuning;

/// <summary>gossipsim tune end to end on a tiny cluster: bad input, the output directory, and determinism.</summary>
public class TuneCommandTests
{
    private const string Yaml = """
        scenarios:
          - name: tiny
            nodes: 24
            duration: 4s
            network: {latency: {dist: uniform, min: 1ms, max: 5ms}, loss: 0.01}
            protocol: {kind: pushpull, mode: anti-entropy, fanout: 2, interval: 200ms}
            updates: {every: 1s}
        """;

    private string _dir = "";
    private string _file = "";

    [SetUp]
    public void SetUp()
    {
        _dir = CliRunner.TempDirectory();
        _file = Path.Combine(_dir, "tiny.yaml");
        File.WriteAllText(_file, Yaml);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Error) Tune(string outDir, params string[] extra) =>
        CliRunner.Run([
            "tune", _file, "--scenario", "tiny", "--out", outDir, "--quiet", "--parallel", "1",
            .. extra.Length > 0 ? extra : ["--param", "protocol.fanout=1..4", "--param", "protocol.interval=100ms..1s", "--levels", "4",
                "--minimize", "bytes_per_node_s_mean", "--subject-to", "t99_s_mean.mean <= 800ms", "--seeds-max", "4", "--budget", "40"],
        ]);

    [TestCase("protocol.fanout=3", "--param protocol.fanout=3: '3' is one value")]
    [TestCase("protocol.fanout=1..x", "--param protocol.fanout=1..x: '1..x' is not a range")]
    [TestCase("protocol.fanout=0..2", "--param protocol.fanout=0: protocol.fanout: must be >= 1")]
    [TestCase("protocol.fanuot=1..2", "--param protocol.fanuot=1: protocol.fanuot: unknown key 'fanuot'")]
    public void BadParameter_NamesTheParam_Exit2(string param, string expected)
    {
        string outDir = Path.Combine(_dir, "out");
        var (code, _, error) = Tune(outDir, "--param", param, "--minimize", "bytes_per_node_s_mean");
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(expected));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void BadScenarioFile_NamesFileAndLine_Exit2()
    {
        File.WriteAllText(_file, Yaml.Replace("fanout: 2,", "fanout: -2,", StringComparison.Ordinal));
        var (code, _, error) = Tune(Path.Combine(_dir, "out"), "--param", "protocol.interval=100ms,200ms", "--minimize", "bytes_per_node_s_mean");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("tiny.yaml:6:"));
        Assert.That(error, Does.Contain("protocol.fanout: must be >= 1"));
    }

    [TestCase("--subject-to", "t99_s_mean.mean == 1s", "--subject-to 't99_s_mean.mean == 1s': '==' cannot be decided")]
    [TestCase("--confidence", "120%", "--confidence: '120%' is not a confidence")]
    public void BadOption_Exit2(string option, string value, string expected)
    {
        string[] args = ["--param", "protocol.fanout=1..2", "--minimize", "bytes_per_node_s_mean", option, value];
        var (code, _, error) = Tune(Path.Combine(_dir, "out"), args);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(expected));
    }

    [Test]
    public void OutIntoAForeignDirectory_Refused_ItsFilesUntouched()
    {
        string mine = Path.Combine(_dir, "mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "thesis.tex"), "x");
        var (code, _, error) = Tune(mine);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("not a gossipsim result directory"));
            Assert.That(Directory.GetFileSystemEntries(mine), Is.EqualTo(new[] { Path.Combine(mine, "thesis.tex") }), "nothing written, nothing removed");
        });
    }

    [Test]
    public void UnknownScenario_Exit2()
    {
        var (code, _, error) = CliRunner.Run("tune", _file, "--scenario", "nope", "--out", Path.Combine(_dir, "out"), "--param", "protocol.fanout=1..2", "--minimize", "bytes_per_node_s_mean");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no scenario named 'nope'"));
    }

    /// <summary>A misspelt metric (objective or bound) is found before anything runs: no runs spent, no directory left that a rerun would have to --resume.</summary>
    [TestCase("--minimize", "bytes_per_node_mean")]
    [TestCase("--subject-to", "t99_s_man.mean <= 1s")]
    public void UnknownMetric_IsNamed_Exit2_NothingRun(string option, string value)
    {
        string outDir = Path.Combine(_dir, "out");
        string[] goal = option == "--minimize" ? [option, value] : ["--minimize", "bytes_per_node_s_mean", option, value];
        var (code, _, error) = Tune(outDir, ["--param", "protocol.fanout=1..2", .. goal, "--budget", "6"]);
        Assert.That(code, Is.EqualTo(2));
        string metric = value.Split('.')[0];
        Assert.That(error, Does.Contain($"'{metric}' is not reported by any run"));
        Assert.That(Directory.Exists(outDir), Is.False, "nothing was run or written");
    }

    /// <summary>
    /// --resume continues the same search only: another objective, --set, --levels or --seed would
    /// reuse or replace the first search's runs and leave its figures beside the second's report.
    /// The same command resumes, and reaches the same bytes as an uninterrupted search.
    /// </summary>
    [Test]
    public void Resume_AnotherSearch_Refused_TheSameSearch_Resumes()
    {
        string dir = Path.Combine(_dir, "t");
        string[] search = ["--param", "protocol.fanout=1..2", "--minimize", "bytes_per_node_s_mean", "--budget", "6", "--seeds-max", "3"];
        Assert.That(Tune(dir, search).Code, Is.Zero);
        byte[] front = File.ReadAllBytes(Path.Combine(dir, "front.csv"));

        string[][] others =
        [
            ["--param", "protocol.fanout=1..2", "--minimize", "t99_s_mean", "--budget", "6", "--seeds-max", "3"],
            [.. search, "--seed", "7"],
            [.. search, "--set", "nodes=30"],
        ];
        foreach (var other in others)
        {
            var (code, _, error) = Tune(dir, [.. other, "--resume"]);
            Assert.That(code, Is.EqualTo(2), string.Join(' ', other));
            Assert.That(error, Does.Contain("holds the runs of another search"));
        }
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "front.csv")), Is.EqualTo(front), "the first search's results are untouched");

        var (resumed, _, resumeError) = Tune(dir, [.. search, "--resume"]);
        Assert.That(resumed, Is.Zero, resumeError);
        Assert.That(File.ReadAllBytes(Path.Combine(dir, "front.csv")), Is.EqualTo(front));
    }

    [Test]
    public void SameCommand_SameBytes_AndAResultSetOthersCanRead()
    {
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b");
        var first = Tune(a);
        Assert.That(first.Code, Is.EqualTo(0), first.Error);
        Assert.That(Tune(b).Code, Is.EqualTo(0));
        foreach (string f in new[] { "front.csv", "runs.csv", "events.csv", "recommended.yaml" })
            Assert.That(File.ReadAllBytes(Path.Combine(b, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, f))), f);

        // Every evaluated point is its own scenario point in runs.csv, with its values in param.* columns.
        var results = ResultSet.Load(a);
        var front = CsvTable.Read(Path.Combine(a, "front.csv"));
        Assert.That(results.Points, Has.Count.EqualTo(front.Count));
        Assert.That(results.Points.Select(p => p.Label).Distinct().Count(), Is.EqualTo(front.Count), "no two points share settings");
        Assert.That(results.Runs, Has.Count.EqualTo(front.Sum(r => int.Parse(r.Get("seeds")!, System.Globalization.CultureInfo.InvariantCulture))));

        // recommended.yaml is a scenario file with the recommended row's settings and the bound as expect:.
        var chosen = front.Single(r => r.Get("recommended") == "true");
        Assert.That(chosen.Get("feasible"), Is.EqualTo("true"));
        var spec = ScenarioLoader.Load(Path.Combine(a, "recommended.yaml")).Points.Single();
        Assert.That(spec.Int("protocol.fanout").ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(chosen.Get("param.protocol.fanout")));
        Assert.That(spec.Expectations, Is.EqualTo(new[] { "t99_s_mean.mean <= 800ms" }));

        // The recommendation is the cheapest point shown feasible.
        double best = front.Where(r => r.Get("feasible") == "true").Min(r => ResultColumns.Number(r, "bytes_per_node_s_mean_mean"));
        Assert.That(ResultColumns.Number(chosen, "bytes_per_node_s_mean_mean"), Is.EqualTo(best));
    }
}
