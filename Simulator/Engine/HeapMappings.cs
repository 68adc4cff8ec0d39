using System.Globalization;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// The managed heap's reservation [<see cref="Start"/>, <see cref="End"/>) and its committed
/// (read-write) parts, from <c>/proc/self/maps</c>. The heap is one reservation, mapped as adjacent
/// anonymous mappings, committed parts and inaccessible reserved ones, so it is the run of such
/// mappings around an address inside it.
/// </summary>
internal sealed record HeapMappings(long Start, long End, List<(long Start, long End)> Committed)
{
    /// <param name="maps">The lines of <c>/proc/self/maps</c>: start-end, permissions, offset, device, inode, then a path or name if any.</param>
    /// <param name="inside">An address inside the heap: the run of mappings around it is the heap.</param>
    public static HeapMappings Parse(IReadOnlyList<string> maps, long inside)
    {
        var mappings = new List<(long Start, long End, bool Writable, bool Anonymous)>(maps.Count);
        foreach (string line in maps)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5) continue;
            int dash = fields[0].IndexOf('-');
            long start = long.Parse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            long end = long.Parse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            // Anonymous: no file and no name ([heap], [stack] and named mappings are not the managed heap).
            mappings.Add((start, end, fields[1] == "rw-p", fields.Length == 5 && fields[4] == "0"));
        }
        int at = mappings.FindIndex(m => m.Start <= inside && inside < m.End);
        if (at < 0 || !mappings[at].Anonymous) return new HeapMappings(0, 0, []);
        int first = at, last = at;
        while (first > 0 && mappings[first - 1].Anonymous && mappings[first - 1].End == mappings[first].Start) first--;
        while (last + 1 < mappings.Count && mappings[last + 1].Anonymous && mappings[last + 1].Start == mappings[last].End) last++;
        var committed = new List<(long Start, long End)>();
        for (int i = first; i <= last; i++)
            if (mappings[i].Writable) committed.Add((mappings[i].Start, mappings[i].End));
        return new HeapMappings(mappings[first].Start, mappings[last].End, committed);
    }
}
