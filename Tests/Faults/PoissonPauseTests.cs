using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Faults;

/// <summary>
/// Pauses as a Poisson process per node (<c>pause: {mean_interval}</c>): each target waits an
/// exponential time, pauses for <c>for</c>, wakes, and waits again. The number of pauses is then a
/// renewal count with cycles of an exponential wait plus the pause, whose mean and spread give the bands.
/// </summary>
public class PoissonPauseTests
{
    private const long S = 1_000_000;
    private const int Nodes = 100;
    private const long MeanUs = 10 * S;
    private const long PauseUs = 1 * S;

    /// <summary>Every pause and wake, in order.</summary>
    private sealed class PauseLog : IMembershipTracker
    {
        public List<(int Node, long TimeUs, bool Paused)> Changes { get; } = new();
        public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value) { }
        public void OnNodeStarted(int node, long nowUs) { }
        public void OnNodeStopped(int node, long nowUs, NodeStatus why) { }
        public void OnNodePaused(int node, long nowUs) => Changes.Add((node, nowUs, true));
        public void OnNodeResumed(int node, long nowUs) => Changes.Add((node, nowUs, false));
    }

    /// <summary>100 idle nodes, every one a target from 0 s, run to <paramref name="endUs"/>; a heal at <paramref name="healUs"/> if given.</summary>
    private static PauseLog Run(long endUs, long? healUs = null, ulong seed = 1)
    {
        var streams = new RandomStreams(seed);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(1_000), 0);
        var hub = new ObservationHub(Nodes, ["probe"]);
        var log = new PauseLog();
        hub.AddMembershipTracker(log);
        var sim = new Simulation(Nodes, streams, network, hub, ctx => new ProbeCluster.ProbeNode(ctx, new()));
        for (int i = 0; i < Nodes; i++) sim.StartNode(i);
        var fault = new PauseFault(0, new FaultTargets(Fraction: 1.0), ForUs: PauseUs, MeanIntervalUs: MeanUs);
        var driver = TimelineDriver.Attach(sim, [fault], endUs);
        if (healUs is long heal)
        {
            sim.Run(heal);
            driver.Timeline.HealAll();
        }
        sim.Run(endUs);
        return log;
    }

    [Test]
    public void PausesPerNode_AreARenewalCountOfExponentialWaitsPlusThePause()
    {
        const long end = 110 * S;
        var log = Run(end);
        int pauses = log.Changes.Count(c => c.Paused);
        // Cycle = Exp(mean 10 s) + 1 s: mean mu = 11 s, variance 100 s^2. Pauses started by 110 s:
        // about (110 + 1) / 11 = 10.1 a node, variance about T var / mu^3 = 110 x 100 / 1331 = 8.3;
        // over 100 independent nodes 1,009 with sd 28.7, so 4 sd is 115.
        Assert.That(pauses, Is.InRange(1009 - 115, 1009 + 115));
    }

    [Test]
    public void WaitFromWakeToNextPause_IsExponentialWithTheMean()
    {
        var log = Run(300 * S);
        var gaps = new List<double>();
        foreach (var node in log.Changes.GroupBy(c => c.Node))
        {
            var changes = node.ToList();
            for (int i = 1; i + 1 < changes.Count; i += 2)
            {
                Assert.That((changes[i].Paused, changes[i + 1].Paused), Is.EqualTo((false, true)), "wake, then the next pause");
                gaps.Add((changes[i + 1].TimeUs - changes[i].TimeUs) / (double)S);
            }
        }
        // About 2,600 gaps. Mean 10 s: the sample mean's sd is 10 / sqrt(n). Median 10 ln 2 = 6.93 s:
        // the fraction below it is 1/2 with sd 1 / (2 sqrt(n)). Both within 4 sd.
        double n = gaps.Count;
        Assert.Multiple(() =>
        {
            Assert.That(n, Is.GreaterThan(2000));
            Assert.That(gaps.Average(), Is.EqualTo(10.0).Within(4 * 10 / Math.Sqrt(n)));
            Assert.That(gaps.Count(g => g < 10 * Math.Log(2)) / n, Is.EqualTo(0.5).Within(4 * 0.5 / Math.Sqrt(n)));
        });
    }

    [Test]
    public void EachPause_LastsFor()
    {
        var log = Run(60 * S);
        foreach (var node in log.Changes.GroupBy(c => c.Node))
        {
            var changes = node.ToList();
            for (int i = 0; i + 1 < changes.Count; i += 2)
                Assert.That(changes[i + 1].TimeUs - changes[i].TimeUs, Is.EqualTo(PauseUs), $"node {node.Key}");
        }
    }

    [Test]
    public void Heal_WakesEveryPausedNode_AndNoPauseFollows()
    {
        const long heal = 50 * S;
        var log = Run(110 * S, heal);
        Assert.Multiple(() =>
        {
            Assert.That(log.Changes.Where(c => c.Paused).Max(c => c.TimeUs), Is.LessThan(heal));
            Assert.That(log.Changes.Where(c => c.Paused).Any(c => c.TimeUs > heal - PauseUs), Is.True, "some node was paused at the heal");
            // Every node's last change is a wake, none after the heal.
            Assert.That(log.Changes.GroupBy(c => c.Node).All(g => !g.Last().Paused && g.Last().TimeUs <= heal), Is.True);
        });
    }

    [Test]
    public void Scenario_MeanInterval_CompilesToAPoissonPauseProcess()
    {
        var spec = ScenarioYaml.Single("""
            scenarios:
              - name: gc
                protocol: {preset: memberlist-lan}
                faults: [{at: 0s, pause: {fraction: 1, mean_interval: 10m}, for: 200ms, for_max: 2s}]
            """);
        var fault = (PauseFault)ScenarioCompiler.Compile(spec, 1).Faults.Single();
        Assert.That((fault.MeanIntervalUs, fault.ForUs, fault.ForMaxUs, fault.EveryUs), Is.EqualTo(((long?)600 * S, (long?)200_000, (long?)2 * S, (long?)null)));
    }

    [TestCase("{count: 2, mean_interval: 10s}", "", "needs for")]
    [TestCase("{count: 2, mean_interval: 10s, every: 20s}", ", for: 1s", "not both")]
    public void Scenario_MeanIntervalMisused_IsAnError(string pause, string lasting, string fragment)
    {
        var error = ScenarioYaml.Errors($$"""
            scenarios:
              - name: bad
                protocol: {preset: memberlist-lan}
                faults: [{at: 10s, pause: {{pause}}{{lasting}}}]
            """).Single();
        Assert.That(error.Message, Does.Contain(fragment));
        Assert.That(error.Key, Does.EndWith("pause.mean_interval"));
    }
}
