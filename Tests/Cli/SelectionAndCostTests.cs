using GossipSim.Analysis;
using GossipSim.Tests.Support;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Cli;

/// <summary>--tag selection, the list command's sizes and estimates, and the memory guard.</summary>
public class SelectionAndCostTests
{
    private SmallSweep _sweep = null!;

    [SetUp]
    public void SetUp() => _sweep = new SmallSweep();

    [TearDown]
    public void TearDown() => _sweep.Dispose();

    [Test]
    public void Run_Tag_OnlyTaggedScenariosRun()
    {
        string output = _sweep.Run("ci", "--tag", "ci");
        var scenarios = CsvTable.Read(Path.Combine(output, "runs.csv")).Select(r => r.Get("scenario")).Distinct();
        Assert.That(scenarios, Is.EqualTo(new[] { "grid" }));
    }

    [Test]
    public void Run_UnknownTag_Exit2WithSuggestion()
    {
        var (code, _, error) = CliRunner.Run("run", _sweep.File, "--tag", "cj", "--out", _sweep.Out("x"), "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no scenario is tagged 'cj'; did you mean 'ci'?"));
    }

    [Test]
    public void List_EachScenarioWithPointsRunsAndEstimates()
    {
        var (code, output, error) = CliRunner.Run("list", _sweep.File);
        Assert.That(code, Is.Zero, error);
        var lines = output.Split('\n');
        Assert.That(lines.Single(l => l.StartsWith("grid ")), Does.Match(@"^grid\s+ci\s+3\s+9\s+60\s+\S+\s+\S+\s+\d+ MB$"));
        Assert.That(lines.Single(l => l.StartsWith("push ")), Does.Match(@"^push\s+1\s+3\s+60\s"));
        Assert.That(output, Does.Contain("12 runs"));
    }

    [Test]
    public void List_EventEstimate_WithinFactorTwoOfMeasured()
    {
        string output = _sweep.Run("measured", "--scenario", "push", "--seeds", "1");
        double measured = double.Parse(CsvTable.Read(Path.Combine(output, "runs.csv")).Single().Get("events")!);
        var spec = GossipSim.Scenarios.ScenarioLoader.Load(_sweep.File).Points.Single(p => p.Name == "push");
        double estimated = GossipSim.Simulator.Runs.RunCost.Estimate(spec).Events;
        Assert.That(estimated / measured, Is.InRange(0.5, 2.0), $"estimated {estimated}, measured {measured}");
    }

    [Test]
    public void Run_EstimateOverMemoryLimit_RefusedWithEstimateAndKnob()
    {
        var (code, _, error) = CliRunner.Run("run", _sweep.File, "--max-memory", "10MB", "--out", _sweep.Out("x"), "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Match(@"needs an estimated \d+ MB, more than the 10 MB available; lower nodes"));
        Assert.That(Directory.Exists(_sweep.Out("x")), Is.False, "refused before anything ran");
    }

    [Test]
    public void Run_ParallelRunsOverMemoryLimit_RefusedNamingParallelThatFits()
    {
        // One run of 60 nodes is estimated at 70 MB of runtime plus 0.3 MB for its nodes and 6 KB for its 3 updates and
        // 2 samples; 100 of them side by side do not fit in 80 MB, 32 do.
        var (code, _, error) = CliRunner.Run("run", _sweep.File, "--max-memory", "80MB", "--parallel", "100", "--out", _sweep.Out("x"), "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--parallel 100:").And.Contain("use --parallel 32"));
    }
}
