using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Sweeps;

public class RunPlanTests
{
    private static RunPlan Plan(ulong? seed = null, int? seeds = null) =>
        RunPlan.From(ScenarioLoader.Parse(SmallSweep.Yaml, "sweep.yaml").Points, seed, seeds);

    [Test]
    public void Plan_SweepFile_RunIdsInFileThenPointThenSeedOrder()
    {
        Assert.That(Plan().Runs.Select(r => r.RunId), Is.EqualTo(new[]
        {
            "grid/p0/s1", "grid/p0/s2", "grid/p0/s3", "grid/p1/s1", "grid/p1/s2", "grid/p1/s3",
            "grid/p2/s1", "grid/p2/s2", "grid/p2/s3", "push/p0/s1", "push/p0/s2", "push/p0/s3",
        }));
    }

    [Test]
    public void Plan_LoadedTwice_SameRunIdsAndParameters()
    {
        var a = Plan().Runs.Select(r => (r.RunId, string.Join(",", r.Parameters)));
        var b = Plan().Runs.Select(r => (r.RunId, string.Join(",", r.Parameters)));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(Plan().Runs[3].Parameters.Single(), Is.EqualTo(new KeyValuePair<string, string>("protocol.fanout", "2")));
    }

    [Test]
    public void Plan_SeedAndSeedsOptions_ReplaceTheFilesInRunIds()
    {
        var ids = Plan(seed: 100, seeds: 2).Runs.Select(r => r.RunId).ToList();
        Assert.That(ids, Has.Count.EqualTo(8));
        Assert.That(ids.Take(2), Is.EqualTo(new[] { "grid/p0/s100", "grid/p0/s101" }));
    }
}
