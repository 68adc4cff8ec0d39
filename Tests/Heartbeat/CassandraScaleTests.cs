using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// 1,200 nodes with Cassandra's settings (docs/references.md §2): 1 s rounds, one live target plus an
/// unreachable node and a seed now and then, digest exchange, exponential phi with threshold 8.
/// </summary>
public class CassandraScaleTests
{
    private const int Nodes = 1200;
    private const long S = 1_000_000;

    [Test]
    public void SteadyState_NoFaultsNoLoss_NobodyIsEverDeclaredDead()
    {
        var outcome = RunExecutor.Execute(HeartbeatRuns.Cassandra(Nodes, 60 * S, seed: 11), timing: false);
        Assert.That(outcome.Row.Get("fp_declarations"), Is.EqualTo("0"));
        Assert.That(outcome.Row.Get("fp_cluster_wide"), Is.EqualTo("0"));
        // Discovery from the seeds is over well before the end: every pair right.
        Assert.That(outcome.Samples[^1].ViewAccuracy, Is.EqualTo(1.0));
        Assert.That(outcome.Samples[^1].DeadPairs, Is.Zero);
    }

    /// <summary>
    /// Cassandra convicts when silence / mean &gt; 8 ln 10, checking once per round: each observer's
    /// death mark must come after between 8 ln 10 mean and 8 ln 10 mean + one interval of silence,
    /// where mean is that observer's own window mean (heartbeats relayed by gossip arrive about once
    /// an interval, but not exactly). So the conviction delay in observed mean intervals lies in
    /// [18.42, 18.42 + interval/mean] for every one of the 12 × 1,188 (observer, crash) pairs.
    /// </summary>
    [Test]
    public void Crash12At20s_EveryLiveNodeConvictsEach_After8Ln10ObservedMeanIntervals()
    {
        var config = new HeartbeatConfig(Nodes, S, 1, HeartbeatExchange.Digest, FailureDetectorSettings.Cassandra(), [0, 1, 2], HeartbeatSizes.Defaults());
        // Latency 1-10 ms, a fixed function of the message so the run needs no extra stream.
        var c = new HeartbeatCluster(config, (from, to, now) => 1_000 + (from * 7919L + to * 104729L + now) % 9_000, seed: 3,
            record: k => k == ObservationKind.MarkedDead);
        c.StartAll();
        c.Simulation.Run(20 * S);
        var timeline = new FaultTimeline(c.Simulation, [new CrashFault(20 * S, FaultTargets.Random(12))]);
        timeline.Fire(0);
        int[] crashed = Enumerable.Range(0, Nodes).Where(i => c.Simulation.Status[i] == NodeStatus.Crashed).ToArray();
        c.Simulation.Run(80 * S);

        Assert.That(c.Log.All.Where(e => !crashed.Contains(e.Subject)), Is.Empty, "a live node was marked dead");
        double convictAt = 8 * Math.Log(10);
        var ratios = new List<double>();
        var means = new List<double>();
        var delays = new List<double>();
        for (int i = 0; i < Nodes; i++)
        {
            if (c.Simulation.Status[i] != NodeStatus.Up) continue;
            var node = c.Node(i);
            foreach (int j in crashed)
            {
                var dead = c.Log.First(i, ObservationKind.MarkedDead, j);
                Assert.That(dead, Is.Not.Null, $"node {i} never convicted {j}");
                double meanUs = node.ArrivalMeanMs(j) * 1000;
                double silenceUs = dead!.TimeUs - node.LastArrivalUs(j);
                Assert.That(silenceUs / meanUs, Is.InRange(convictAt, convictAt + S / meanUs), $"observer {i}, crashed {j}");
                ratios.Add(silenceUs / meanUs);
                means.Add(meanUs / S);
                delays.Add((dead.TimeUs - 20 * S) / (double)S);
            }
        }
        ratios.Sort();
        means.Sort();
        delays.Sort();
        TestContext.Out.WriteLine($"pairs {ratios.Count}; silence/mean median {ratios[ratios.Count / 2]:F3}; observed mean interval median {means[means.Count / 2]:F3} s " +
            $"(p1 {means[means.Count / 100]:F3}, p99 {means[means.Count * 99 / 100]:F3}); delay after crash median {delays[delays.Count / 2]:F2} s, max {delays[^1]:F2} s");
        // Checks fall uniformly within a round, so the median overshoot is about half an interval.
        Assert.That(ratios[ratios.Count / 2], Is.InRange(convictAt, convictAt + 1.0));
    }
}
