using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Which of 64 members (one word of <see cref="MemberBits"/>) one table holds a newer state of
/// than another: Cassandra's comparison, generation first, then heartbeat version. Eight members
/// a step: two vectors of four generations and one of eight heartbeats per table, compared lane
/// by lane, their sign bits gathered into masks and combined as integers. A digest exchange
/// compares every member of two tables, n² comparisons a second across the cluster, and most
/// members' heartbeats differ by a round or two either way, so a branch per member would be a
/// coin toss.
/// </summary>
public static class VersionCompare
{
    /// <summary>
    /// For the members of <paramref name="word"/>: <paramref name="aNewer"/>, those whose
    /// (generation, heartbeat) is higher in <paramref name="a"/>; <paramref name="bNewer"/>, higher
    /// in <paramref name="b"/>. Generations rarely differ (only a restart makes a new one), so a
    /// step whose eight generations all match compares heartbeats alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Word(MemberTable a, MemberTable b, int word, out ulong aNewer, out ulong bNewer)
    {
        ref long aGen = ref MemoryMarshal.GetArrayDataReference(a.Generation);
        ref long bGen = ref MemoryMarshal.GetArrayDataReference(b.Generation);
        ref int aBeat = ref MemoryMarshal.GetArrayDataReference(a.Heartbeat);
        ref int bBeat = ref MemoryMarshal.GetArrayDataReference(b.Heartbeat);
        // The tables' lengths are equal and whole words; checked once here, not per load.
        if (a.Generation.Length != b.Generation.Length || (uint)word >= (uint)a.Words) throw new ArgumentOutOfRangeException(nameof(word));
        ulong aWins = 0, bWins = 0;
        for (int step = 0; step < MemberBits.WordBits; step += 8)
        {
            var at = (nuint)(word * MemberBits.WordBits + step);
            var a0 = Vector256.LoadUnsafe(ref aGen, at);
            var a1 = Vector256.LoadUnsafe(ref aGen, at + 4);
            var b0 = Vector256.LoadUnsafe(ref bGen, at);
            var b1 = Vector256.LoadUnsafe(ref bGen, at + 4);
            uint genA = 0, genB = 0;
            if (!Vector256.EqualsAll(a0, b0) || !Vector256.EqualsAll(a1, b1))
            {
                genA = Vector256.GreaterThan(a0, b0).ExtractMostSignificantBits() | Vector256.GreaterThan(a1, b1).ExtractMostSignificantBits() << 4;
                genB = Vector256.GreaterThan(b0, a0).ExtractMostSignificantBits() | Vector256.GreaterThan(b1, a1).ExtractMostSignificantBits() << 4;
            }
            var aBeats = Vector256.LoadUnsafe(ref aBeat, at);
            var bBeats = Vector256.LoadUnsafe(ref bBeat, at);
            uint beatA = Vector256.GreaterThan(aBeats, bBeats).ExtractMostSignificantBits();
            uint beatB = Vector256.GreaterThan(bBeats, aBeats).ExtractMostSignificantBits();
            uint sameGen = ~(genA | genB);
            aWins |= (ulong)((genA | (sameGen & beatA)) & 0xFF) << step;
            bWins |= (ulong)((genB | (sameGen & beatB)) & 0xFF) << step;
        }
        aNewer = aWins;
        bNewer = bWins;
    }
}
