using System.Globalization;
using System.Runtime.InteropServices;
using GossipSim.Simulator.Engine;

namespace GossipSim.Tests.Engine;

/// <summary>
/// Huge pages for the managed heap: which mappings are the heap (parsed from /proc/self/maps
/// lines), and on a Linux that offers MADV_COLLAPSE (6.1 on, THP not "never") that the heap's
/// memory really ends up in huge pages.
/// </summary>
public class HugePagesTests
{
    private static readonly string[] Maps =
    [
        "55d0c0000000-55d0c0200000 rw-p 00000000 00:00 0                          [heap]",
        "7f0000000000-7f0000400000 rw-p 00000000 00:00 0",
        "7f0000400000-7f0001000000 ---p 00000000 00:00 0",
        "7f0001000000-7f0001c00000 rw-p 00000000 00:00 0",
        "7f0001c00000-7f0010000000 ---p 00000000 00:00 0",
        "7f0010000000-7f0010100000 rw-p 00000000 00:00 0",
        "7f0020000000-7f0020400000 rw-p 00000000 00:00 0",
        "7f0020400000-7f0020500000 r-xp 00000000 08:01 1234                       /usr/lib/libc.so.6",
        "7f0020500000-7f0020600000 rw-p 00000000 00:00 0                          [anon:glibc]",
    ];

    [Test]
    public void Parse_TakesTheRunOfAdjacentAnonymousMappingsAroundTheAddress_AndItsWritableParts()
    {
        var heap = HeapMappings.Parse(Maps, 0x7f0001000010);
        Assert.That((heap.Start, heap.End), Is.EqualTo((0x7f0000000000L, 0x7f0010100000L)), "the reservation: three writable parts and the reserved gaps between them");
        Assert.That(heap.Committed, Is.EqualTo(new[] { (0x7f0000000000L, 0x7f0000400000L), (0x7f0001000000L, 0x7f0001c00000L), (0x7f0010000000L, 0x7f0010100000L) }));
    }

    [Test]
    public void Parse_StopsAtAGapAFileOrANamedMapping()
    {
        var apart = HeapMappings.Parse(Maps, 0x7f0020000000);
        Assert.That(apart.Committed, Is.EqualTo(new[] { (0x7f0020000000L, 0x7f0020400000L) }), "not joined to the reservation across the gap, nor to the library after it");
        Assert.That(HeapMappings.Parse(Maps, 0x55d0c0000100).Committed, Is.Empty, "the native heap is named: not the managed heap");
        Assert.That(HeapMappings.Parse(Maps, 0x7f0020400100).Committed, Is.Empty, "a file mapping");
        Assert.That(HeapMappings.Parse(Maps, 0x1000).Committed, Is.Empty, "an address in no mapping");
    }

    [Test]
    public void Switch_OffTurnsHugePagesOff_AnythingElseLeavesThemOn()
    {
        Assert.That(HugePages.Wanted("off"), Is.False);
        Assert.That(HugePages.Wanted(null), Is.True);
        Assert.That(HugePages.Wanted("on"), Is.True);
    }

    [Test]
    public void MapHeap_PutsALargeHeapIntoHugePages()
    {
        Assume.That(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(6, 1), "needs Linux 6.1 or later (MADV_COLLAPSE)");
        string policy = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
        Assume.That(policy, Does.Not.Contain("[never]"), "transparent huge pages are turned off on this machine");
        Assume.That(HugePages.Wanted(Environment.GetEnvironmentVariable(HugePages.SwitchVariable)), $"{HugePages.SwitchVariable}=off");
        const int bytes = 64 << 20;
        // Pinned, so its address stays put while the test reads its mappings.
        var state = GC.AllocateUninitializedArray<byte>(bytes, pinned: true);
        Array.Fill(state, (byte)1); // touched, so committed and present
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(state, 0);
        long collapsed = HugePages.MapHeap();
        Assert.That(collapsed, Is.GreaterThanOrEqualTo(bytes - (4L << 20)), "at least the array's mapping, but for a huge page at each end");
        Assert.That(HugePagesAround(start, start + bytes), Is.GreaterThanOrEqualTo(bytes - (4L << 20)), "the kernel reports the array's memory in huge pages");
        Assert.That(state[bytes / 2] + state[^1], Is.EqualTo(2), "contents unchanged");
    }

    /// <summary>AnonHugePages of the mappings that overlap [start, end), from /proc/self/smaps.</summary>
    private static long HugePagesAround(long start, long end)
    {
        long total = 0;
        bool overlaps = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            int space = line.IndexOf(' ');
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out long from)
                && long.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, null, out long to))
                overlaps = from < end && start < to;
            else if (overlaps && line.StartsWith("AnonHugePages:"))
                total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        return total;
    }
}
