using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Akka;

/// <summary>
/// Akka cluster membership (docs/references.md §3): the heartbeat ring, unreachability spread by
/// gossip, and keep-majority downing after stable-after.
/// </summary>
public class AkkaClusterTests
{
    private const long S = 1_000_000;

    private static Simulation Cluster(AkkaConfig config, ulong seed = 1)
    {
        var streams = new RandomStreams(seed);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(2_000), 0);
        var hub = new ObservationHub(config.NodeCount, config.MessageTypes);
        var sim = new Simulation(config.NodeCount, streams, network, hub, config.NodeFactory());
        for (int i = 0; i < config.NodeCount; i++) sim.StartNode(i);
        return sim;
    }

    private static AkkaNode Node(Simulation sim, int id) => (AkkaNode)sim.NodeAt(id)!;

    [Test]
    public void Crash_OnlyItsRingMonitorsMarkIt_EveryoneElseLearnsByGossip_NoDowningWithoutAProvider()
    {
        const int n = 50, victim = 7;
        var sim = Cluster(PresetConfigs.Akka(n) with { Downing = AkkaDowning.None });
        sim.Run(10 * S);
        sim.StopNode(victim, NodeStatus.Crashed);
        sim.Run(40 * S);
        var monitors = Enumerable.Range(0, n).Where(i => i != victim && Node(sim, i).Monitored.Contains(victim)).ToList();
        Assert.That(monitors, Has.Count.EqualTo(9), "monitored-by-nr-of-members");
        var marking = Enumerable.Range(0, n).Where(i => i != victim && Node(sim, i).MarksUnreachable(victim)).ToList();
        Assert.That(marking, Is.EqualTo(monitors), "only the monitors' own rows mark it");
        for (int i = 0; i < n; i++)
            if (i != victim) Assert.That(Node(sim, i).BeliefOf(victim), Is.EqualTo(MemberBelief.Suspect), $"node {i} holds it unreachable");
    }

    [TestCase("keep-majority")]
    [TestCase("none")]
    public void Crash_FirstUnreachableWithinFourToSixAndAHalfSeconds_DownOnlyWithTheResolver(string downing)
    {
        var spec = ScenarioYaml.Single($$$"""
            scenarios:
              - name: crash
                nodes: 100
                duration: 50s
                network: {latency: {dist: uniform, min: 1ms, max: 10ms}}
                protocol: {preset: akka, downing: {{{downing}}}}
                faults: [{at: 10s, crash: {count: 1, exclude: [0, 1, 2]}}]
            """);
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var row = RunExecutor.Execute(ScenarioCompiler.Compile(spec, seed), timing: false).Row;
            double unreachable = double.Parse(row.Get("detect_first_suspect_s")!, System.Globalization.CultureInfo.InvariantCulture);
            // φ = 8 at about 4.5 s of silence (σ at its 100 ms floor, 3 s acceptable pause), less
            // up to one heartbeat interval of the last answer's age, plus up to one reaper tick.
            Assert.That(unreachable, Is.InRange(4.0, 6.5), $"seed {seed}: first unreachable mark");
            string? down = row.Get("detect_first_s");
            if (downing == "none") Assert.That(down, Is.Empty.Or.EqualTo("NaN").Or.Null, $"seed {seed}: nobody downs");
            else
                Assert.That(double.Parse(down!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(unreachable + 20, unreachable + 25),
                    $"seed {seed}: downed once stable for 20 s");
            Assert.That(row.Get("fp_declarations"), Is.EqualTo("0"), $"seed {seed}: no false deaths");
        }
    }

    [Test]
    public void Partition_KeepMajority_TheMajorityDownsTheMinority()
    {
        const int n = 20;
        var config = PresetConfigs.Akka(n);
        var streams = new RandomStreams(3);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(2_000), 0);
        var hub = new ObservationHub(n, config.MessageTypes);
        var sim = new Simulation(n, streams, network, hub, config.NodeFactory());
        for (int i = 0; i < n; i++) sim.StartNode(i);
        sim.Run(10 * S);
        int[] minority = [13, 14, 15, 16, 17, 18, 19];
        network.EnableLinkFaults(n).Partition(minority, LinkDirection.Both);
        sim.Run(60 * S);
        for (int i = 0; i < 13; i++)
            foreach (int m in minority)
                Assert.That(Node(sim, i).BeliefOf(m), Is.EqualTo(MemberBelief.Dead), $"node {i} holds {m} downed");
        // The majority keeps itself: no member of it is downed by any member of it.
        for (int i = 0; i < 13; i++)
            for (int j = 0; j < 13; j++)
                if (i != j) Assert.That(Node(sim, i).BeliefOf(j), Is.EqualTo(MemberBelief.Alive), $"node {i} about {j}");
    }
}
