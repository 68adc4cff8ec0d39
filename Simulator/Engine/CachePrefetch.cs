using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// Asks the CPU to start loading memory that the next event will read, while the current one is
/// handled. At a million nodes each event lands on a random node, whose state is a cache (and TLB)
/// miss of ~100 ns; loaded one after another (host, then node, then its table) they stall the loop,
/// requested ahead they overlap with useful work. A prefetch is only a hint: it never faults and
/// changes no value, so a stale address (an object the GC has since moved) costs nothing but the
/// hint. Without SSE (Arm) it does nothing.
/// </summary>
internal static unsafe class CachePrefetch
{
    private const int LineBytes = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Location<T>(ref T location)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref location));
    }

    /// <summary>The first <paramref name="lines"/> cache lines of an object and what was allocated right after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Object(object target, int lines)
    {
        if (!Sse.IsSupported) return;
        // Any object viewed as a StrongBox<byte>: its one field is where the object's fields start.
        byte* start = (byte*)Unsafe.AsPointer(ref Unsafe.As<StrongBox<byte>>(target).Value);
        for (int i = 0; i < lines; i++) Sse.Prefetch0(start + i * LineBytes);
    }
}
