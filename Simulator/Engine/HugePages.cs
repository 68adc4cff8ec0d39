using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// Asks Linux to back the managed heap with transparent huge pages (2 MB). A large run touches its
/// nodes' state in random order, tens to thousands of MB of it, and with 4 KB pages nearly every
/// node it visits is a TLB miss, a page walk that a virtual machine's nested paging makes several
/// times dearer. .NET has no setting for this (its large-page option needs reserved hugetlbfs
/// pages), so the heap's committed mappings are collapsed in place with <c>madvise(MADV_COLLAPSE)</c>
/// (Linux 6.1), which works whatever the system's THP policy short of "never", and the rest of the
/// heap's reservation is advised (<c>MADV_HUGEPAGE</c>) for what it commits later. Only where the
/// pages lie changes, never a value, so outputs are the same bytes. Elsewhere, on older kernels,
/// for small heaps, or with <c>GOSSIPSIM_HUGE_PAGES=off</c>, it does nothing.
/// </summary>
internal static partial class HugePages
{
    /// <summary>The environment variable that turns huge pages off (value <c>off</c>), e.g. to measure what they give.</summary>
    public const string SwitchVariable = "GOSSIPSIM_HUGE_PAGES";

    /// <summary>Below this much allocated, the heap is about within the TLB's reach with small pages (this machine's Zen 3 cores: 2,048 second-level entries, 8 MB of 4 KB pages).</summary>
    public const long MinHeapBytes = 16L << 20;

    private const int MadviseHugePage = 14, MadviseCollapse = 25;

    private static readonly bool Enabled = OperatingSystem.IsLinux() && Wanted(Environment.GetEnvironmentVariable(SwitchVariable));

    /// <summary>The heap's size when it was last mapped: it is mapped again once it has grown by a quarter.</summary>
    private static long _mappedHeapBytes;

    /// <summary>Whether a value of <see cref="SwitchVariable"/> (null: unset) leaves huge pages on.</summary>
    public static bool Wanted(string? switchValue) => switchValue != "off";

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);

    /// <summary>
    /// Maps the heap with huge pages if it holds at least <see cref="MinHeapBytes"/> and has grown
    /// by a quarter since it was last mapped: called as a run starts and as it goes, it catches the
    /// state a run builds before its loop and what it allocates in its first seconds, a few
    /// collapses a run. Costs one heap-size read otherwise.
    /// </summary>
    public static void MapHeapIfGrown()
    {
        if (!Enabled) return;
        long heap = GC.GetTotalMemory(false);
        if (heap < MinHeapBytes || heap < Volatile.Read(ref _mappedHeapBytes) / 4 * 5) return;
        Volatile.Write(ref _mappedHeapBytes, heap);
        MapHeap();
    }

    /// <summary>Collapses the heap's committed memory into huge pages now; returns the bytes it collapsed (0 where nothing could be).</summary>
    public static long MapHeap()
    {
        if (!Enabled) return 0;
        try
        {
            long hugePage = long.Parse(File.ReadAllText("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size").Trim(), CultureInfo.InvariantCulture);
            var heap = HeapMappings.Parse(File.ReadAllLines("/proc/self/maps"), ProbeAddress());
            if (heap.Committed.Count == 0) return 0;
            madvise((nint)heap.Start, (nuint)(heap.End - heap.Start), MadviseHugePage);
            long collapsed = 0;
            foreach (var (start, end) in heap.Committed)
            {
                // Whole huge pages inside the mapping: one cannot straddle two.
                long first = (start + hugePage - 1) / hugePage * hugePage, last = end / hugePage * hugePage;
                if (last > first && madvise((nint)first, (nuint)(last - first), MadviseCollapse) == 0) collapsed += last - first;
            }
            return collapsed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or EntryPointNotFoundException or DllNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>An address inside the managed heap: a new object's. It is only compared with the mappings, never read through, so the object may move.</summary>
    private static unsafe long ProbeAddress()
    {
        var probe = new byte[1];
        return (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(probe));
    }
}
