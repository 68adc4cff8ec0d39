using System.Numerics;
using System.Runtime.Intrinsics;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// The vector steps of the digest exchange against the scalar definitions they replace: Cassandra's
/// version comparison (generation first, then heartbeat, here as incarnation numbers in one key) and the exponential detector's arrival
/// (window sum, count, tLast) and its judge time. A heartbeat run at 1,200 nodes takes these steps a
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
    public void ExponentialArrival_EightAtOnce_GivesTheScalarBitsInEveryLane_AndTheirExtremes()
    {
        const int window = 1000, lanesTotal = 64;
        const double maxIntervalMs = 2000;
        var random = new Xoshiro256StarStar(11);
        var vector = new MemberClocks(lanesTotal, keepSquares: false);
        var scalar = new MemberClocks(lanesTotal, keepSquares: false);
        long now = 0;
        int taken = 0;
        for (int round = 0; round < 400; round++)
        {
            now += 1 + random.NextInt(3_000_000);
            var extremes = WindowExtremes.None;
            double leastSum = double.PositiveInfinity, leastMean = double.PositiveInfinity;
            int mostCount = 0;
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
                vector.RecordExponential(first, Vector256.Create(lanes), now, maxIntervalMs, ref extremes);
                for (int i = 0; i < 8; i++)
                {
                    if (lanes[i] == 0) continue;
                    int m = first + i;
                    scalar.RecordExponential(m, now, maxIntervalMs, window);
                    leastSum = Math.Min(leastSum, scalar.WindowSum[m]);
                    mostCount = Math.Max(mostCount, scalar.WindowCount[m]);
                    leastMean = Math.Min(leastMean, scalar.MeanMs(m));
                    taken++;
                }
            }
            Assert.That(vector.LastArrivalUs, Is.EqualTo(scalar.LastArrivalUs), $"tLast, round {round}");
            Assert.That(vector.WindowSum, Is.EqualTo(scalar.WindowSum), $"window sums (exact doubles), round {round}");
            Assert.That(vector.WindowCount, Is.EqualTo(scalar.WindowCount), $"window counts, round {round}");
            Assert.That(extremes.Any, Is.EqualTo(mostCount > 0), $"any taken, round {round}");
            if (mostCount == 0) continue;
            Assert.That(extremes.LeastMeanMs(), Is.EqualTo(leastSum / mostCount), $"least sum over most count, round {round}");
            Assert.That(extremes.LeastMeanMs(), Is.LessThanOrEqualTo(leastMean), $"a bound of every mean taken, round {round}");
        }
        Assert.That(taken, Is.GreaterThan(5000));
    }

    [Test]
    public void DueStored_GivesEachMembersJudgeTimeAndWhetherItHasCome()
    {
        var random = new Xoshiro256StarStar(13);
        var clocks = new MemberClocks(Members, keepSquares: false, storeJudgeWaits: true);
        for (int m = 0; m < Members; m++)
        {
            clocks.LastArrivalUs[m] = random.NextInt(10_000_000);
            clocks.JudgeAfterUs![m] = random.NextInt(3) == 0 ? MemberClocks.Never : random.NextInt(10_000_000);
        }
        const long now = 12_000_000;
        int dueSeen = 0;
        for (int first = 0; first < Members; first += 8)
        {
            uint due = clocks.DueStored(first, now, out var low, out var high);
            for (int i = 0; i < 8; i++)
            {
                int m = first + i;
                int wait = clocks.JudgeAfterUs![m];
                long expected = wait == MemberClocks.Never ? long.MaxValue : clocks.LastArrivalUs[m] + wait;
                long at = i < 4 ? low[i] : high[i - 4];
                Assert.That(at, Is.EqualTo(expected), $"judge time, member {m}");
                Assert.That((due >> i & 1) == 1, Is.EqualTo(now >= expected), $"due, member {m}");
            }
            dueSeen += BitOperations.PopCount(due);
        }
        Assert.That(dueSeen, Is.InRange(10, Members - 10), "both verdicts exercised");
    }

    [Test]
    public void DueExponential_GivesEachMembersScalarJudgeTimeAndWhetherItHasCome()
    {
        const double suspectUsPerMeanMs = 9210.34, convictUsPerMeanMs = 18420.68;
        var random = new Xoshiro256StarStar(13);
        var clocks = new MemberClocks(Members, keepSquares: false);
        var alive = new ulong[MemberBits.Words(Members)];
        var suspect = new ulong[MemberBits.Words(Members)];
        for (int m = 0; m < Members; m++)
        {
            clocks.LastArrivalUs[m] = random.NextInt(10_000_000);
            clocks.WindowCount[m] = 1 + random.NextInt(1000);
            // Means from a microsecond to past what an int of microseconds holds (Never - 1) and past absurd (Never).
            double meanMs = random.NextInt(8) switch { 0 => 1e-3, 1 => 3e5, 2 => 1e15, _ => 1 + random.NextInt(2000) };
            clocks.WindowSum[m] = meanMs * clocks.WindowCount[m];
            int belief = random.NextInt(3);
            MemberBits.Set(alive, m, belief == 0);
            MemberBits.Set(suspect, m, belief == 1);
        }
        const long now = 12_000_000;
        int dueSeen = 0, neverSeen = 0;
        for (int first = 0; first < MemberBits.Padded(Members); first += 8)
        {
            uint aliveBits = (uint)(alive[first / 64] >> first % 64) & 0xFF, suspectBits = (uint)(suspect[first / 64] >> first % 64) & 0xFF;
            uint due = clocks.DueExponential(first, aliveBits, suspectBits, suspectUsPerMeanMs, convictUsPerMeanMs, now, out var low, out var high);
            for (int i = 0; i < 8; i++)
            {
                int m = first + i;
                bool isAlive = (aliveBits >> i & 1) == 1, isSuspect = (suspectBits >> i & 1) == 1;
                int wait = isAlive || isSuspect ? MemberClocks.ExponentialWaitUs(isAlive ? suspectUsPerMeanMs : convictUsPerMeanMs, clocks.MeanMs(m)) : MemberClocks.Never;
                long expected = wait == MemberClocks.Never ? long.MaxValue : clocks.LastArrivalUs[m] + wait;
                long at = i < 4 ? low[i] : high[i - 4];
                Assert.That(at, Is.EqualTo(expected), $"judge time, member {m}");
                Assert.That((due >> i & 1) == 1, Is.EqualTo(now >= expected), $"due, member {m}");
                if (wait == MemberClocks.Never && (isAlive || isSuspect)) neverSeen++;
            }
            dueSeen += BitOperations.PopCount(due);
        }
        Assert.That(dueSeen, Is.InRange(10, Members - 10), "both verdicts exercised");
        Assert.That(neverSeen, Is.GreaterThan(0), "an absurd wait exercised");
    }
}
