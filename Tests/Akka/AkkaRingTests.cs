using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Akka;

/// <summary>
/// The heartbeat ring's order (HeartbeatNodeRing, docs/references.md §3): a member's place is a
/// hash of its id and incarnation, so a restart moves the member and nobody else.
/// </summary>
public class AkkaRingTests
{
    [Test]
    public void InitialMembers_AreOrderedByTheHashOfTheirIdAlone()
    {
        // Incarnation 0 places a member by the hash of its id, the order the ring has always had
        // for a run's initial members, so runs without joins or restarts keep their receivers.
        const int n = 200;
        Assert.That(AkkaRing.Of(n).Order, Is.EqualTo(Enumerable.Range(0, n).OrderBy(id => SplitMix64.Mix((ulong)id))));
    }

    [Test]
    public void ANewIncarnation_MovesThatMemberAlone_AndTheSameIncarnationsGiveTheSameRing()
    {
        const int n = 200, restarted = 17;
        var initial = AkkaRing.Of(n);
        var incarnations = new long[n];
        incarnations[restarted] = 12_000_001;
        var ring = initial.For(incarnations);
        Assert.That(ring.Position[restarted], Is.Not.EqualTo(initial.Position[restarted]), "the restarted member's place");
        Assert.That(ring.Order.Where(id => id != restarted), Is.EqualTo(initial.Order.Where(id => id != restarted)), "the others keep their order");
        for (int i = 0; i < n; i++) Assert.That(ring.Order[ring.Position[i]], Is.EqualTo(i));
        Assert.That(initial.For(new long[n]), Is.SameAs(initial));
        Assert.That(ring.For((long[])incarnations.Clone()), Is.SameAs(ring));
        incarnations[restarted] = 13_000_001;
        Assert.That(initial.For(incarnations).Position[restarted], Is.Not.EqualTo(ring.Position[restarted]), "another incarnation, another place");
    }
}
