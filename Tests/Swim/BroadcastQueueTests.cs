using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Swim;

/// <summary>
/// The queue keeps its order incrementally; this checks it against the plain definition
/// (memberlist queue.go): sort by fewest transmits, largest, newest, then take greedily whatever fits.
/// </summary>
public class BroadcastQueueTests
{
    [TestCase(1UL, 12, 4)]
    [TestCase(2UL, 300, 16)]
    [TestCase(3UL, 1200, 16)]
    public void Take_RandomEnqueuesAndPackets_MatchesSortThenGreedyDefinition(ulong seed, int members, int retransmitLimit)
    {
        var random = new RandomStreams(seed).For(StreamPurpose.Workload);
        var queue = new BroadcastQueue();
        var reference = new List<(SwimMemberUpdate Update, int Size, int Transmits, long Id)>();
        long nextId = 0;
        var taken = new List<SwimMemberUpdate>();
        var expected = new List<SwimMemberUpdate>();
        for (int step = 0; step < 20_000; step++)
        {
            if (random.NextInt(3) > 0)
            {
                var update = new SwimMemberUpdate(random.NextInt(members), (SwimMemberState)(1 + random.NextInt(3)), step, 0);
                queue.Enqueue(update);
                reference.RemoveAll(e => e.Update.Node == update.Node);
                reference.Add((update, SwimSizes.OfUpdate(update.State), 0, nextId++));
                continue;
            }
            // Packet budgets from nearly empty to a full 1,400-byte UDP packet.
            int limit = random.NextInt(1400);
            taken.Clear();
            queue.Take(SwimSizes.CompoundPart, limit, retransmitLimit, taken);
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
            Assert.That(taken, Is.EqualTo(expected), $"packet at step {step}");
            Assert.That(queue.Count, Is.EqualTo(reference.Count), $"queue length after step {step}");
        }
    }
}
