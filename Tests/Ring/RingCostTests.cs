using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Ring;

/// <summary>What a ring and a request workload add to a run's cost estimate, and the memory guard's refusals.</summary>
public class RingCostTests
{
    private static string Yaml(int nodes, string extra = "", string protocol = "{preset: memberlist-lan}") =>
        $"scenarios:\n  - name: a\n    nodes: {nodes}\n    duration: 90s\n    protocol: {protocol}\n{extra}";

    private const string Ring = "    ring: {vnodes: 256}\n";

    [TestCase("{preset: memberlist-lan}", 8.0)]
    [TestCase("{preset: cassandra}", 12.0)]
    public void Estimate_Ring_AddsViewsPerPairAndTokens(string protocol, double perPair)
    {
        var without = RunCost.Estimate(ScenarioYaml.Single(Yaml(1200, "", protocol)));
        var with = RunCost.Estimate(ScenarioYaml.Single(Yaml(1200, Ring, protocol)));
        Assert.That(with.MemoryBytes - without.MemoryBytes, Is.EqualTo(perPair * 1200 * 1200 + RunCost.RingBytesPerToken * 256 * 1200).Within(1e-3));
        Assert.That(with.Events, Is.EqualTo(without.Events), "a ring adds no events of its own");
    }

    [Test]
    public void Estimate_Workload_AddsOneEventPerEvaluatedRequestAndTheZipfTable()
    {
        var ring = RunCost.Estimate(ScenarioYaml.Single(Yaml(1200, Ring)));
        var uniform = RunCost.Estimate(ScenarioYaml.Single(Yaml(1200, Ring + "    workload: {rate: 5000/s, sample: 1000/s, start: 20s}\n")));
        var zipf = RunCost.Estimate(ScenarioYaml.Single(Yaml(1200, Ring + "    workload: {rate: 500/s, keys: {zipf: 1}, key_space: 1000000, start: 20s}\n")));
        Assert.That(uniform.Events - ring.Events, Is.EqualTo(1000 * 70).Within(1e-6), "sampled rate x (duration - start)");
        Assert.That(zipf.Events - ring.Events, Is.EqualTo(500 * 70).Within(1e-6));
        Assert.That(zipf.MemoryBytes - ring.MemoryBytes, Is.EqualTo(8e6).Within(1e-3), "one double per key of the key space");
    }

    /// <summary>
    /// More nodes than the ring view tracker's one array can hold is a fault of the file, whatever
    /// the machine: the schema refuses it at nodes, so validate says so too, and memory alone
    /// judges a cluster without a ring.
    /// </summary>
    [Test]
    public void Load_RingBeyondTheTrackerArray_RefusedAtNodes()
    {
        var error = ScenarioYaml.Errors(Yaml(50_000, Ring)).Single();
        Assert.That(error, Is.EqualTo(new GossipSim.Scenarios.SpecError(ScenarioYaml.File, 3, 12, "nodes",
            "a scenario with a ring may have at most 46,340 nodes, not 50,000: the ring view tracker keeps one int per node pair in one array; lower nodes")));
        Assert.That(MemoryGuard.Check([ScenarioYaml.Single(Yaml(50_000))], 1, 1e15), Is.Empty, "without a ring only memory counts");
    }

    [Test]
    public void MemoryGuard_LargeRingOverMemory_RefusedNamingTheRingViews()
    {
        var problems = MemoryGuard.Check([ScenarioYaml.Single(Yaml(40_000, Ring))], 1, 8e9);
        Assert.That(problems.Single(), Does.Contain("needs an estimated 13.4 GB, more than the 8.0 GB available")
            .And.Contain("the ring views grow as nodes^2: 8 B per node pair"));
    }

    [Test]
    public void Run_RingOverMemoryLimit_RefusedBeforeRunning()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gossipsim-ringcost-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "s.yaml"), Yaml(40_000, Ring));
            var (code, _, error) = CliRunner.Run("run", Path.Combine(dir, "s.yaml"), "--max-memory", "8GB", "--out", Path.Combine(dir, "out"), "--quiet");
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("needs an estimated 13.4 GB").And.Contain("ring views"));
            Assert.That(Directory.Exists(Path.Combine(dir, "out")), Is.False, "refused before anything ran");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
