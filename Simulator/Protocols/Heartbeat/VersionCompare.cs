using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Which of 64 members (one word of <see cref="MemberBits"/>) one table holds a newer state of
/// than another: Cassandra's comparison, generation first, then heartbeat version, which on
/// <see cref="MemberTable.Key"/>s is one signed comparison. Four members a vector, their sign bits
/// gathered into masks. A digest exchange compares every member of two tables, n² comparisons a
/// second across the cluster, and most members' heartbeats differ by a round or two either way,
/// so a branch per member would be a coin toss.
/// </summary>
public static class VersionCompare
{
    /// <summary>
    /// For the members of <paramref name="word"/>: <paramref name="aNewer"/>, those whose
    /// (generation, heartbeat) is higher in <paramref name="a"/>; <paramref name="bNewer"/>, higher in <paramref name="b"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Word(MemberTable a, MemberTable b, int word, out ulong aNewer, out ulong bNewer)
    {
        ref long aKeys = ref MemoryMarshal.GetArrayDataReference(a.Keys);
        ref long bKeys = ref MemoryMarshal.GetArrayDataReference(b.Keys);
        // The tables' lengths are equal and whole words; checked once here, not per load.
        if (a.Keys.Length != b.Keys.Length || (uint)word >= (uint)a.Words) throw new ArgumentOutOfRangeException(nameof(word));
        ulong aWins = 0, bWins = 0;
        for (int step = 0; step < MemberBits.WordBits; step += 4)
        {
            var at = (nuint)(word * MemberBits.WordBits + step);
            var aKey = Vector256.LoadUnsafe(ref aKeys, at);
            var bKey = Vector256.LoadUnsafe(ref bKeys, at);
            aWins |= (ulong)Vector256.GreaterThan(aKey, bKey).ExtractMostSignificantBits() << step;
            bWins |= (ulong)Vector256.GreaterThan(bKey, aKey).ExtractMostSignificantBits() << step;
        }
        aNewer = aWins;
        bNewer = bWins;
    }
}
