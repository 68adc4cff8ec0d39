using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// <see cref="VectorMerge"/> against its definition, member by member: it takes exactly the
/// members that are sent, believed alive, one heartbeat newer in the same incarnation and whose
/// window has room, writing their keys and recording their arrivals as the scalar step would, and
/// leaves every other member sent, and only those, to the one-by-one merge.
/// </summary>
public class VectorMergeTests
{
    private const int Members = 200; // not a whole number of words: the padding words are read too
    private const int Window = 6;

    [Test]
    public void TakeCommon_TakesExactlyTheCommonArrivals_AndLeavesTheRest()
    {
        var random = new Xoshiro256StarStar(5);
        int common = 0, rest = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            var source = new MemberTable(Members);
            var held = new MemberTable(Members);
            var clocks = new MemberClocks(Members, keepSquares: false);
            var expectedClocks = new MemberClocks(Members, keepSquares: false);
            var members = new ulong[MemberBits.Words(Members)];
            var alive = new ulong[MemberBits.Words(Members)];
            for (int m = 0; m < Members; m++)
            {
                int incarnation = 1 + random.NextInt(2);
                held.Set(m, incarnation, random.NextInt(4));
                source.Set(m, random.NextInt(4) == 0 ? 3 - incarnation : incarnation, random.NextInt(4));
                int samples = random.NextInt(Window + 1); // empty, partial and full windows
                foreach (var c in new[] { clocks, expectedClocks })
                {
                    c.LastArrivalUs[m] = 1_000;
                    for (int s = 0; s < samples; s++) c.Add(m, 100 + s, Window);
                }
                MemberBits.Set(members, m, random.NextInt(3) != 0);
                MemberBits.Set(alive, m, random.NextInt(4) != 0);
            }
            var before = held.Copy();
            const long now = 500_000;
            var merge = new VectorMerge(MemberBits.Words(Members));
            merge.TakeCommon(source, held, members, alive, clocks, Window, maxIntervalMs: 2_000, now);
            for (int m = 0; m < Members; m++)
            {
                bool sent = MemberBits.Has(members, m);
                bool isCommon = sent && MemberBits.Has(alive, m)
                    && source.IncarnationOf(m) == before.IncarnationOf(m) && source.HeartbeatOf(m) > before.HeartbeatOf(m)
                    && expectedClocks.WindowCount[m] is > 0 and < Window;
                if (isCommon) expectedClocks.RecordExponential(m, now, 2_000, Window);
                var expectedKeys = isCommon ? source : before;
                Assert.That(held.IncarnationOf(m), Is.EqualTo(expectedKeys.IncarnationOf(m)), $"incarnation, member {m}");
                Assert.That(held.HeartbeatOf(m), Is.EqualTo(expectedKeys.HeartbeatOf(m)), $"heartbeat, member {m}");
                Assert.That(MemberBits.Has(merge.Rest, m), Is.EqualTo(sent && !isCommon), $"left to the one-by-one merge, member {m}");
                Assert.That(clocks.WindowCount[m], Is.EqualTo(expectedClocks.WindowCount[m]), $"window count, member {m}");
                Assert.That(clocks.LastArrivalUs[m], Is.EqualTo(expectedClocks.LastArrivalUs[m]), $"tLast, member {m}");
                Assert.That(clocks.MeanMs(m), Is.EqualTo(expectedClocks.MeanMs(m)), $"mean, member {m}");
                common += isCommon ? 1 : 0;
                rest += sent && !isCommon ? 1 : 0;
            }
        }
        Assert.That(Math.Min(common, rest), Is.GreaterThan(300), "both kinds of member exercised");
    }
}
