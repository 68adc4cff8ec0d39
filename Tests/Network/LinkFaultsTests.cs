using GossipSim.Simulator.Network;
using GossipSim.Tests.Faults;

namespace GossipSim.Tests.Network;

public class LinkFaultsTests
{
    private const long Ms = 1_000;

    /// <summary>Every node sends one message to every other; returns the (from, to) pairs that arrived.</summary>
    private static HashSet<(int, int)> AllToAll(ProbeCluster c)
    {
        int n = c.Simulation.NodeCount;
        for (int from = 0; from < n; from++)
            for (int to = 0; to < n; to++)
                if (from != to) c.Node(from).SendTo(to, from);
        c.Handled.Clear();
        c.Simulation.Run(c.Simulation.NowUs + 10 * Ms);
        return c.Handled.Select(h => ((int)h.Value, h.Node)).ToHashSet();
    }

    [TestCase(LinkDirection.Both)]
    [TestCase(LinkDirection.Out)]
    [TestCase(LinkDirection.In)]
    public void Partition_Direction_DropsExactlyTheCutDirection(LinkDirection direction)
    {
        var c = new ProbeCluster(5);
        int[] group = [0, 1];
        c.Network.EnableLinkFaults(5).Partition(group, direction);
        var arrived = AllToAll(c);
        for (int from = 0; from < 5; from++)
            for (int to = 0; to < 5; to++)
            {
                if (from == to) continue;
                bool fromIn = group.Contains(from), toIn = group.Contains(to);
                bool cut = fromIn != toIn && (direction == LinkDirection.Both || (direction == LinkDirection.Out ? fromIn : toIn));
                Assert.That(arrived.Contains((from, to)), Is.EqualTo(!cut), $"{from} -> {to}");
                Assert.That(c.Network.Links!.CanReach(from, to), Is.EqualTo(!cut), $"truth {from} -> {to}");
            }
        Assert.That(c.Network.MessagesCut, Is.EqualTo(direction == LinkDirection.Both ? 12 : 6));
    }

    [Test]
    public void Isolate_TwoNodes_NoLinkOfEitherWorksNotEvenBetweenThem()
    {
        var c = new ProbeCluster(4);
        c.Network.EnableLinkFaults(4).Isolate([1, 2]);
        var arrived = AllToAll(c);
        Assert.That(arrived.Order(), Is.EqualTo(new[] { (0, 3), (3, 0) }));
    }

    [Test]
    public void Partitions_ComposeAndHeal_TruthFollowsEveryChange()
    {
        var c = new ProbeCluster(6);
        var links = c.Network.EnableLinkFaults(6);
        object a = links.Partition([0, 1], LinkDirection.Both);
        object b = links.Partition([4, 5], LinkDirection.Both);
        // Three groups: {0,1}, {2,3}, {4,5}.
        Assert.That(AllToAll(c), Has.Count.EqualTo(3 * 2));
        links.Remove(a);
        Assert.That(links.CanReach(0, 2) && links.CanReach(1, 3) && !links.CanReach(0, 4), Is.True);
        Assert.That(AllToAll(c), Has.Count.EqualTo(4 * 3 + 2));
        links.Remove(b);
        Assert.That(links.Active, Is.False);
        Assert.That(AllToAll(c), Has.Count.EqualTo(30));
    }

    [Test]
    public void Degrade_ExtraLatencyPerDegradedEnd_AddedToBaseDelay()
    {
        var c = new ProbeCluster(3, latencyUs: 1 * Ms);
        c.Network.EnableLinkFaults(3).Degrade([0], loss: 0, extraDelayUs: 5 * Ms);
        c.Node(0).SendTo(1, 0);
        c.Node(1).SendTo(2, 1);
        c.Simulation.Run(20 * Ms);
        Assert.That(c.Handled.Select(h => (h.TimeUs, h.Value)), Is.EqualTo(new[] { (1 * Ms, 1L), (6 * Ms, 0L) }));
    }
}
