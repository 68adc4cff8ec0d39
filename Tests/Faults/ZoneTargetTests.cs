using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Faults;

public class ZoneTargetTests
{
    private static ProbeCluster Cluster(int nodes = 30) =>
        new(nodes, network: new NetworkSetup { Zones = new ZoneMap(["a", "b", "c"], nodes) }.Build(LatencySpec.Constant(1_000), 0, nodes, new RandomStreams(1)));

    [Test]
    public void Partition_ZoneOneWay_TruthCutsExactlyThatZonesOutgoingLinks()
    {
        var c = Cluster();
        var zones = c.Network.Zones!;
        new FaultTimeline(c.Simulation, [new PartitionFault(0, FaultTargets.InZone("b"), LinkDirection.Out)]).Fire(0);
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 30; j++)
            {
                bool cut = zones.ZoneOf(i) == 1 && zones.ZoneOf(j) != 1;
                Assert.That(c.Network.Links!.CanReach(i, j), Is.EqualTo(!cut), $"{i} -> {j}");
            }
    }

    [Test]
    public void Crash_FractionOfZone_PicksOnlyInThatZone()
    {
        var c = Cluster();
        new FaultTimeline(c.Simulation, [new CrashFault(0, FaultTargets.InZone("c", 0.5))]).Fire(0);
        var crashed = Enumerable.Range(0, 30).Where(i => c.Simulation.Status[i] == NodeStatus.Crashed).ToArray();
        Assert.That(crashed, Has.Length.EqualTo(5));
        Assert.That(crashed.All(i => c.Network.Zones!.ZoneOf(i) == 2), Is.True);
    }
}
