using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// One node's copy of the replicated data: the newest version it holds of each origin's item,
/// sorted by origin. Small and sparse: only origins that ever wrote appear, so a million-node
/// run with one rumor holds one entry per node, not a million. A struct kept inside its node, and
/// a table of one origin keeps that entry in its own fields: a lookup then touches the node and
/// nothing else. At 100,000 nodes and more every node's memory is a cache miss away, and an
/// array of one entry would be one more, and 40 more bytes a node.
/// </summary>
public struct VersionTable
{
    /// <summary>The only entry while <see cref="Count"/> is at most 1.</summary>
    private VersionEntry _single;

    /// <summary>The entries once there are two or more (null before).</summary>
    private VersionEntry[]? _entries;

    /// <summary>The entries as an array, built on demand and kept until the table next changes.</summary>
    private VersionEntry[]? _snapshot;

    public VersionTable() { }

    public int Count { get; private set; }

    public readonly VersionEntry this[int index] => _entries is null ? _single : _entries[index];

    public readonly long VersionOf(int origin)
    {
        int i = IndexOf(origin);
        return i < 0 ? 0 : _entries is null ? _single.Version : _entries[i].Version;
    }

    /// <summary>Keeps the larger version; true when this one is news.</summary>
    // Inlined into every delivery's handler: most entries a node receives are not news.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Merge(int origin, long version)
    {
        if (_entries is null && Count == 1 && _single.Origin == origin)
        {
            if (version <= _single.Version) return false;
            _single = new VersionEntry(origin, version);
            _snapshot = null;
            return true;
        }
        return MergeListed(origin, version);
    }

    private bool MergeListed(int origin, long version)
    {
        int i = IndexOf(origin);
        if (i < 0) return Insert(~i, origin, version);
        if (version <= _entries![i].Version) return false;
        _entries[i] = new VersionEntry(origin, version);
        _snapshot = null;
        return true;
    }

    private bool Insert(int i, int origin, long version)
    {
        var entry = new VersionEntry(origin, version);
        if (Count == 0) _single = entry;
        else
        {
            if (_entries is null) _entries = [_single, default];
            else if (Count == _entries.Length) Array.Resize(ref _entries, Count * 2);
            Array.Copy(_entries, i, _entries, i + 1, Count - i);
            _entries[i] = entry;
        }
        Count++;
        _snapshot = null;
        return true;
    }

    /// <summary>
    /// The entries in origin order. Messages carry this array to many receivers, so it is never
    /// written after it is handed out: a change builds a new one on the next call.
    /// </summary>
    public VersionEntry[] Snapshot() =>
        _snapshot ??= _entries is null ? (Count == 0 ? [] : [_single]) : _entries.AsSpan(0, Count).ToArray();

    /// <summary>Index of the origin, or the complement of where it would go (as BinarySearch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int IndexOf(int origin)
    {
        if (_entries is null)
            return Count == 0 ? ~0 : _single.Origin == origin ? 0 : _single.Origin > origin ? ~0 : ~1;
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
        var entries = _entries!;
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
