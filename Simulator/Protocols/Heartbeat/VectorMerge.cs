using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The common arrival under Cassandra's detector, eight members a step: nearly every state a node
/// merges is one more heartbeat, in the same incarnation, of a member believed alive whose arrival
/// window has room. For those the step takes the newer key and records the arrival
/// (<see cref="MemberClocks.RecordExponential(int, Vector256{int}, long, double, ref WindowExtremes)"/>,
/// the scalar path's operations in the same order), which is all the one-by-one merge would do on
/// that path; every other member it leaves in <see cref="Rest"/> for the node's one-by-one merge.
/// A member's step touches only that member's key, window and bits, so taking the common ones
/// first and the rest after gives what merging each in member order gives.
/// </summary>
internal sealed class VectorMerge(int words)
{
    private static readonly Vector256<int> LaneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);

    /// <summary>After <see cref="TakeCommon"/>: the members it did not take, for the one-by-one merge.</summary>
    public ulong[] Rest { get; } = new ulong[words];

    /// <summary>
    /// Takes the common arrivals among <paramref name="members"/> from <paramref name="source"/> into
    /// <paramref name="held"/> and <paramref name="clocks"/>, and fills <see cref="Rest"/> with the others.
    /// Returns the least sum and most count of the windows it wrote (<see cref="WindowExtremes"/>).
    /// </summary>
    /// <param name="source">The sender's table.</param>
    /// <param name="held">This node's table, writable.</param>
    /// <param name="members">The members to take from the source, as bits.</param>
    /// <param name="aliveOthers">Members other than the node believed alive, with a window.</param>
    /// <param name="clocks">The node's arrival clocks.</param>
    /// <param name="window">The detector's window: a full window takes the one-by-one path.</param>
    /// <param name="maxIntervalMs">Cassandra's MAX_INTERVAL, the cap on a recorded interval.</param>
    /// <param name="now">The arrival time.</param>
    // Inlined into the node's merge, which is compiled on its own, as the vector record step is into it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowExtremes TakeCommon(MemberTable source, MemberTable held, ulong[] members, ulong[] aliveOthers, MemberClocks clocks,
        int window, double maxIntervalMs, long now)
    {
        if (source.Keys.Length != held.Keys.Length || members.Length > held.Words || members.Length > Rest.Length)
            throw new ArgumentException("tables of different sizes", nameof(source));
        ref long sourceKeys = ref MemoryMarshal.GetArrayDataReference(source.Keys);
        ref long heldKeys = ref MemoryMarshal.GetArrayDataReference(held.Keys);
        ref int counts = ref MemoryMarshal.GetArrayDataReference(clocks.WindowCount);
        var windowFull = Vector256.Create(window);
        var extremes = WindowExtremes.None;
        for (int w = 0; w < members.Length; w++)
        {
            ulong word = members[w];
            ulong alive = aliveOthers[w];
            ulong rest = 0;
            for (int step = 0; step < MemberBits.WordBits; step += 8)
            {
                uint taken = (uint)(word >> step) & 0xFF;
                if (taken == 0) continue;
                int first = w * MemberBits.WordBits + step;
                var at = (nuint)first;
                var source0 = Vector256.LoadUnsafe(ref sourceKeys, at);
                var source1 = Vector256.LoadUnsafe(ref sourceKeys, at + 4);
                var held0 = Vector256.LoadUnsafe(ref heldKeys, at);
                var held1 = Vector256.LoadUnsafe(ref heldKeys, at + 4);
                uint newer = NewerHeartbeat(source0, held0) | NewerHeartbeat(source1, held1) << 4;
                var count = Vector256.LoadUnsafe(ref counts, at);
                uint room = (Vector256.GreaterThan(count, Vector256<int>.Zero) & Vector256.LessThan(count, windowFull)).ExtractMostSignificantBits();
                uint common = taken & (uint)(alive >> step) & newer & room;
                if (common != 0)
                {
                    var lanes = Vector256.Equals(Vector256.Create((int)common) & LaneBits, LaneBits);
                    Vector256.ConditionalSelect(Vector256.WidenLower(lanes), source0, held0).StoreUnsafe(ref heldKeys, at);
                    Vector256.ConditionalSelect(Vector256.WidenUpper(lanes), source1, held1).StoreUnsafe(ref heldKeys, at + 4);
                    clocks.RecordExponential(first, lanes, now, maxIntervalMs, ref extremes);
                }
                rest |= (ulong)(taken & ~common) << step;
            }
            Rest[w] = rest;
        }
        Array.Clear(Rest, members.Length, Rest.Length - members.Length);
        return extremes;
    }

    /// <summary>Lanes where <paramref name="source"/> holds the same incarnation with a higher heartbeat than <paramref name="held"/>, as four bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NewerHeartbeat(Vector256<long> source, Vector256<long> held) =>
        (Vector256.GreaterThan(source, held) & Vector256.Equals(Vector256.ShiftRightLogical(source ^ held, 32), Vector256<long>.Zero)).ExtractMostSignificantBits();
}
