using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Swim;

/// <summary>
/// The queue keeps its order incrementally; this checks it against the plain definition
/// (memberlist queue.go): sort by fewest transmits, largest, newest, then take greedily whatever fits.
/// </summary>
public class BroadcastQueueTests
{
    /// <summary>The plain definition of a packet: sort, then take greedily whatever fits; each taken counts a transmit, and those at the limit go.</summary>
    private static void DefinitionTake(List<(SwimMemberUpdate Update, int Size, int Transmits, long Id)> reference, int limit, int retransmitLimit, List<SwimMemberUpdate> expected)
    {
        expected.Clear();
        reference.Sort((a, b) => a.Transmits != b.Transmits ? a.Transmits.CompareTo(b.Transmits)
            : a.Size != b.Size ? b.Size.CompareTo(a.Size) : b.Id.CompareTo(a.Id));
        int used = 0;
        for (int i = 0; i < reference.Count; i++)
        {
            int cost = reference[i].Size + SwimSizes.CompoundPart;
            if (used + cost > limit) continue;
            used += cost;
            expected.Add(reference[i].Update);
            reference[i] = reference[i] with { Transmits = reference[i].Transmits + 1 };
        }
        reference.RemoveAll(e => e.Transmits >= retransmitLimit);
    }

    // Without a ring (alive 66 B, suspect and dead 47 B) and with one (alives with tokens carry meta: three sizes).
    [TestCase(1UL, 12, 4, 0)]
    [TestCase(2UL, 300, 16, 0)]
    [TestCase(3UL, 1200, 16, 0)]
    [TestCase(4UL, 300, 16, 30)]
    [TestCase(5UL, 1200, 20, 30)]
    public void Take_RandomEnqueuesAndPackets_MatchesSortThenGreedyDefinition(ulong seed, int members, int retransmitLimit, int metaBytes)
    {
        var random = new RandomStreams(seed).For(StreamPurpose.Workload);
        var queue = new BroadcastQueue { MetaSizeBytes = metaBytes };
        var reference = new List<(SwimMemberUpdate Update, int Size, int Transmits, long Id)>();
        long nextId = 0;
        var taken = new List<SwimMemberUpdate>();
        var expected = new List<SwimMemberUpdate>();
        for (int step = 0; step < 20_000; step++)
        {
            if (random.NextInt(3) > 0)
            {
                int tokens = metaBytes > 0 && random.NextInt(2) == 0 ? random.NextInt(100) : -1;
                var update = new SwimMemberUpdate(random.NextInt(members), (SwimMemberState)(1 + random.NextInt(3)), step, 0, tokens);
                queue.Enqueue(update);
                reference.RemoveAll(e => e.Update.Node == update.Node);
                reference.Add((update, SwimSizes.OfUpdate(update, metaBytes), 0, nextId++));
                continue;
            }
            // Packet budgets from nearly empty to a full 1,400-byte UDP packet.
            int limit = random.NextInt(1400);
            taken.Clear();
            queue.Take(SwimSizes.CompoundPart, limit, retransmitLimit, taken);
            DefinitionTake(reference, limit, retransmitLimit, expected);
            Assert.That(taken, Is.EqualTo(expected), $"packet at step {step}");
            Assert.That(queue.Count, Is.EqualTo(reference.Count), $"queue length after step {step}");
        }
    }

    /// <summary>
    /// A joiner's burst: an alive about each of 3,000 members at once, a few suspicions among them,
    /// then full packets until the queue is empty. Every packet must be the definition's, and the
    /// queue must drain in retransmitLimit passes over the burst.
    /// </summary>
    [Test]
    public void Take_AfterAJoinersBurst_MatchesTheDefinitionUntilEmpty()
    {
        const int members = 3000, retransmitLimit = 16, perPacket = 1400;
        var queue = new BroadcastQueue();
        var reference = new List<(SwimMemberUpdate Update, int Size, int Transmits, long Id)>();
        for (int m = 0; m < members; m++)
        {
            var update = new SwimMemberUpdate(m, m % 97 == 0 ? SwimMemberState.Suspect : SwimMemberState.Alive, 0, 0);
            queue.Enqueue(update);
            reference.Add((update, SwimSizes.OfUpdate(update.State), 0, m));
        }
        var taken = new List<SwimMemberUpdate>();
        var expected = new List<SwimMemberUpdate>();
        int packets = 0, sent = 0;
        while (reference.Count > 0)
        {
            taken.Clear();
            queue.Take(SwimSizes.CompoundPart, perPacket, retransmitLimit, taken);
            DefinitionTake(reference, perPacket, retransmitLimit, expected);
            Assert.That(taken, Is.EqualTo(expected), $"packet {packets}");
            packets++;
            sent += taken.Count;
        }
        Assert.That(queue.Count, Is.EqualTo(0));
        Assert.That(sent, Is.EqualTo(members * retransmitLimit), "every broadcast sent retransmitLimit times");
    }
}
