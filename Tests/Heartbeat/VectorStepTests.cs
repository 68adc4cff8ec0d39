using System.Numerics;
using System.Runtime.Intrinsics;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// The vector steps of the digest exchange against the scalar definitions they replace: Cassandra's
/// version comparison (generation first, then heartbeat, here as incarnation numbers in one key) and the exponential detector's arrival
/// (window sum, count, tLast, judge wait). A heartbeat run at 1,200 nodes takes these steps a
/// billion times, and byte-identical outputs rest on the vector step giving the very bits the
/// scalar one gives, in every lane, whatever the other lanes hold.
/// </summary>
public class VectorStepTests
{
    private const int Members = 200; // not a whole number of words: the padding is compared too

    private static MemberTable RandomTable(Xoshiro256StarStar random)
    {
        var table = new MemberTable(Members);
        for (int m = 0; m < Members; m++)
        {
            // Few distinct values, so equal generations and equal heartbeats are common, and 0 (not held).
            int incarnation = random.NextInt(4) == 0 ? 0 : 1 + random.NextInt(3);
            table.Set(m, incarnation, incarnation == 0 ? 0 : random.NextInt(5));
        }
        return table;
    }

    private static bool Newer(MemberTable a, MemberTable b, int m) =>
        a.IncarnationOf(m) > b.IncarnationOf(m) || (a.IncarnationOf(m) == b.IncarnationOf(m) && a.HeartbeatOf(m) > b.HeartbeatOf(m));

    [Test]
    public void VersionCompare_GivesCassandrasComparisonForEveryMember()
    {
        var random = new Xoshiro256StarStar(7);
        int aNewerSeen = 0, bNewerSeen = 0;
        for (int trial = 0; trial < 50; trial++)
        {
            var a = RandomTable(random);
            var b = trial % 5 == 0 ? a.Copy() : RandomTable(random);
            if (trial % 5 == 0)
                for (int m = 0; m < Members; m += 3) b.Set(m, b.IncarnationOf(m), b.HeartbeatOf(m) + 1); // incarnations all equal: heartbeats decide
            for (int w = 0; w < a.Words; w++)
            {
                VersionCompare.Word(a, b, w, out ulong aNewer, out ulong bNewer);
                for (int bit = 0; bit < MemberBits.WordBits; bit++)
                {
                    int m = w * MemberBits.WordBits + bit;
                    Assert.That((aNewer >> bit & 1) == 1, Is.EqualTo(Newer(a, b, m)), $"a newer, member {m}");
                    Assert.That((bNewer >> bit & 1) == 1, Is.EqualTo(Newer(b, a, m)), $"b newer, member {m}");
                    Assert.That(MemberBits.Has(a.Known, m), Is.EqualTo(a.IncarnationOf(m) != 0), $"known, member {m}");
                }
                aNewerSeen += BitOperations.PopCount(aNewer);
                bNewerSeen += BitOperations.PopCount(bNewer);
            }
        }
        Assert.That(Math.Min(aNewerSeen, bNewerSeen), Is.GreaterThan(1000), "both directions exercised");
    }

    [Test]
    public void ExponentialArrival_EightAtOnce_GivesTheScalarBitsInEveryLane()
    {
        const int window = 1000, lanesTotal = 64;
        const double maxIntervalMs = 2000, usPerMeanMs = 9210.34;
        var random = new Xoshiro256StarStar(11);
        var vector = new MemberClocks(lanesTotal, keepSquares: false);
        var scalar = new MemberClocks(lanesTotal, keepSquares: false);
        long now = 0;
        int taken = 0;
        for (int round = 0; round < 400; round++)
        {
            now += 1 + random.NextInt(3_000_000);
            for (int first = 0; first < lanesTotal; first += 8)
            {
                var lanes = new int[8];
                for (int i = 0; i < 8; i++)
                {
                    int m = first + i;
                    if (scalar.WindowCount[m] == 0)
                    {
                        // A first arrival, as HeartbeatNode takes it: one sample of INITIAL_VALUE.
                        long heard = now - random.NextInt(1000);
                        foreach (var clocks in new[] { vector, scalar })
                        {
                            clocks.LastArrivalUs[m] = heard;
                            clocks.Add(m, maxIntervalMs, window);
                        }
                        continue;
                    }
                    lanes[i] = random.NextInt(2) == 0 ? -1 : 0;
                }
                var waits = vector.RecordExponential(first, Vector256.Create(lanes), now, maxIntervalMs, usPerMeanMs);
                for (int i = 0; i < 8; i++)
                {
                    if (lanes[i] == 0)
                    {
                        Assert.That(waits[i], Is.EqualTo(MemberClocks.Never));
                        continue;
                    }
                    int m = first + i;
                    scalar.RecordExponential(m, now, maxIntervalMs, window);
                    scalar.JudgeAfterUs[m] = MemberClocks.ExponentialWaitUs(usPerMeanMs, scalar.MeanMs(m));
                    Assert.That(waits[i], Is.EqualTo(scalar.JudgeAfterUs[m]), $"wait, member {m}");
                    taken++;
                }
            }
            Assert.That(vector.LastArrivalUs, Is.EqualTo(scalar.LastArrivalUs), $"tLast, round {round}");
            Assert.That(vector.WindowSum, Is.EqualTo(scalar.WindowSum), $"window sums (exact doubles), round {round}");
            Assert.That(vector.WindowCount, Is.EqualTo(scalar.WindowCount), $"window counts, round {round}");
            Assert.That(vector.JudgeAfterUs, Is.EqualTo(scalar.JudgeAfterUs), $"judge waits, round {round}");
        }
        Assert.That(taken, Is.GreaterThan(5000));
    }

    [Test]
    public void Due_GivesEachMembersJudgeTimeAndWhetherItHasCome()
    {
        var random = new Xoshiro256StarStar(13);
        var clocks = new MemberClocks(Members, keepSquares: false);
        for (int m = 0; m < Members; m++)
        {
            clocks.LastArrivalUs[m] = random.NextInt(10_000_000);
            clocks.JudgeAfterUs[m] = random.NextInt(3) == 0 ? MemberClocks.Never : random.NextInt(10_000_000);
        }
        const long now = 12_000_000;
        int dueSeen = 0;
        for (int first = 0; first < Members; first += 8)
        {
            uint due = clocks.Due(first, now, out var low, out var high);
            for (int i = 0; i < 8; i++)
            {
                int m = first + i;
                long at = i < 4 ? low[i] : high[i - 4];
                Assert.That(at, Is.EqualTo(clocks.JudgeAtUs(m)), $"judge time, member {m}");
                Assert.That((due >> i & 1) == 1, Is.EqualTo(now >= clocks.JudgeAtUs(m)), $"due, member {m}");
            }
            dueSeen += BitOperations.PopCount(due);
        }
        Assert.That(dueSeen, Is.InRange(10, Members - 10), "both verdicts exercised");
    }
}
