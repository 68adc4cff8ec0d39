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
        var spec = ScenarioYaml.Single(Yaml(100_000));
        var cost = RunCost.Estimate(spec);
        // Per node, plus the default one-a-second samples of the 10 minutes (599 of them), which grow with duration.
        Assert.That(RunCost.SampleCount(spec), Is.EqualTo(599));
        Assert.That(cost.MemoryBytes, Is.EqualTo(RunCost.RuntimeBaseBytes + RunCost.BytesPerNode * 100_000 + 599 * RunCost.BytesPerSample).Within(1));
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

    /// <summary>
    /// The calibration runs of <see cref="RunCost.BytesPerDifference"/> (docs/running.md): 40 s of
    /// memberlist-lan over uniform 1-10 ms latency and 1% loss, seed 1, peak RSS from
    /// <c>/usr/bin/time -f %M</c> on 2026-12-01. The estimate must cover each and stay within a factor of 2.
    /// </summary>
    [TestCase(5_000, "crash: {count: 50}", 271.6e6)]
    [TestCase(10_000, "crash: {count: 100}", 1_053.6e6)]
    [TestCase(20_000, "crash: {count: 200}", 4_578.5e6)]
    [TestCase(2_000, "partition: {fraction: 0.1}, until: 25s", 715.2e6)]
    [TestCase(5_000, "partition: {fraction: 0.1}, until: 25s", 3_545.5e6)]
    public void Estimate_MeasuredFaultRuns_CoversThePeakWithinAFactorOf2(int nodes, string fault, double measuredBytes)
    {
        var point = ScenarioYaml.Single($"scenarios:\n  - name: a\n    nodes: {nodes}\n    duration: 40s\n    protocol: {{preset: memberlist-lan}}\n    faults: [{{at: 5s, {fault}}}]\n");
        double estimate = RunCost.Estimate(point).MemoryBytes;
        Assert.That(estimate, Is.InRange(measuredBytes, 2 * measuredBytes));
    }

    [Test]
    public void Guard_CrashOfTenPercentAt20k_RefusedUnder20GB()
    {
        // Run before this constant was fitted: it grew past 22 GB and never finished.
        var point = ScenarioYaml.Single(Yaml(20_000, "    faults: [{at: 5s, crash: {count: 2000}}]\n"));
        Assert.That(MemoryGuard.Check([point], 1, 20e9), Is.Not.Empty);
    }
}
