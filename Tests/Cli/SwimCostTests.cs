using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Cli;

/// <summary>The cost model of swim's shared views: per node when the cluster agrees, per disagreeing pair under faults.</summary>
public class SwimCostTests
{
    private static string Yaml(int nodes, string extra = "") =>
        $"scenarios:\n  - name: a\n    nodes: {nodes}\n    duration: 10m\n    protocol: {{preset: memberlist-lan}}\n{extra}";

    [Test]
    public void Estimate_Swim100kWithoutFaults_FitsIn20GB()
    {
        var cost = RunCost.Estimate(ScenarioYaml.Single(Yaml(100_000)));
        Assert.That(cost.MemoryBytes, Is.EqualTo(RunCost.RuntimeBaseBytes + RunCost.BytesPerNode * 100_000).Within(1));
        Assert.That(MemoryGuard.Check([ScenarioYaml.Single(Yaml(100_000))], 1, 20e9), Is.Empty);
    }

    [Test]
    public void Estimate_CrashAndPartition_AddsTwoPairsPerNodeAndTouchedNode()
    {
        const int n = 10_000;
        var quiet = RunCost.Estimate(ScenarioYaml.Single(Yaml(n)));
        var faulty = RunCost.Estimate(ScenarioYaml.Single(Yaml(n,
            "    faults: [{at: 10s, crash: {count: 3}}, {at: 20s, partition: {fraction: 0.1}, for: 10s}]\n")));
        double pairs = 2.0 * (3 + 0.1 * n) * n;
        Assert.That(faulty.MemoryBytes - quiet.MemoryBytes, Is.EqualTo(RunCost.BytesPerDifference("swim") * pairs).Within(1));
    }
}
