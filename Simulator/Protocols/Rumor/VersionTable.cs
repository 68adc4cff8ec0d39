using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// One node's copy of the replicated data: the newest version it holds of each origin's item,
/// sorted by origin. Small and sparse: only origins that ever wrote appear, so a million-node
/// run with one rumor holds one entry per node, not a million. A struct kept inside its node, with
/// the entries in one array allocated right after the node, so a lookup touches the node and that
/// array and nothing else: at 100,000 nodes and more every node's memory is a cache miss away,
/// and a table object of its own would be one more, and 40 more bytes a node.
/// </summary>
public struct VersionTable
{
    private VersionEntry[] _entries;

    /// <summary>The entries as an array, built on demand and kept until the table next changes.</summary>
    private VersionEntry[]? _snapshot;

    /// <summary>An empty table, with room for one origin: most tables only ever hold one.</summary>
    public VersionTable() => _entries = new VersionEntry[1];

    public int Count { get; private set; }

    public readonly VersionEntry this[int index] => _entries[index];

    public readonly long VersionOf(int origin)
    {
        int i = IndexOf(origin);
        return i >= 0 ? _entries[i].Version : 0;
    }

    /// <summary>Keeps the larger version; true when this one is news.</summary>
    // Inlined into every delivery's handler: most entries a node receives are not news.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Merge(int origin, long version)
    {
        int i = IndexOf(origin);
        if (i < 0) return Insert(~i, origin, version);
        if (version <= _entries[i].Version) return false;
        _entries[i] = new VersionEntry(origin, version);
        _snapshot = null;
        return true;
    }

    private bool Insert(int i, int origin, long version)
    {
        if (Count == _entries.Length) Array.Resize(ref _entries, Count * 2);
        Array.Copy(_entries, i, _entries, i + 1, Count - i);
        _entries[i] = new VersionEntry(origin, version);
        Count++;
        _snapshot = null;
        return true;
    }

    /// <summary>
    /// The entries in origin order. Messages carry this array to many receivers, so it is never
    /// written after it is handed out: a change builds a new one on the next call.
    /// </summary>
    public VersionEntry[] Snapshot() => _snapshot ??= _entries.AsSpan(0, Count).ToArray();

    /// <summary>Index of the origin, or the complement of where it would go (as BinarySearch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int IndexOf(int origin)
    {
        // Most tables hold a handful of origins: a linear scan beats a binary search there.
        if (Count > 8) return Search(origin);
        var entries = _entries;
        for (int i = 0; i < Count; i++)
        {
            int o = entries[i].Origin;
            if (o == origin) return i;
            if (o > origin) return ~i;
        }
        return ~Count;
    }

    private readonly int Search(int origin)
    {
        var entries = _entries;
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            int o = entries[mid].Origin;
            if (o == origin) return mid;
            if (o < origin) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }
}
