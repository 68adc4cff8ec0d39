namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// One node's copy of the replicated data: the newest version it holds of each origin's item,
/// sorted by origin. Small and sparse: only origins that ever wrote appear, so a million-node
/// run with one rumor holds one entry per node, not a million.
/// </summary>
public sealed class VersionTable
{
    private int[] _origins = new int[2];
    private long[] _versions = new long[2];

    /// <summary>The entries as an array, built on demand and kept until the table next changes.</summary>
    private VersionEntry[]? _snapshot;

    public int Count { get; private set; }

    public VersionEntry this[int index] => new(_origins[index], _versions[index]);

    public long VersionOf(int origin)
    {
        int i = IndexOf(origin);
        return i >= 0 ? _versions[i] : 0;
    }

    /// <summary>Keeps the larger version; true when this one is news.</summary>
    public bool Merge(int origin, long version)
    {
        int i = IndexOf(origin);
        if (i >= 0)
        {
            if (version <= _versions[i]) return false;
            _versions[i] = version;
            _snapshot = null;
            return true;
        }
        i = ~i;
        if (Count == _origins.Length)
        {
            Array.Resize(ref _origins, Count * 2);
            Array.Resize(ref _versions, Count * 2);
        }
        Array.Copy(_origins, i, _origins, i + 1, Count - i);
        Array.Copy(_versions, i, _versions, i + 1, Count - i);
        _origins[i] = origin;
        _versions[i] = version;
        Count++;
        _snapshot = null;
        return true;
    }

    /// <summary>
    /// The entries in origin order. Messages carry this array to many receivers, so it is never
    /// written after it is handed out: a change builds a new one on the next call.
    /// </summary>
    public VersionEntry[] Snapshot()
    {
        if (_snapshot is not null) return _snapshot;
        var entries = new VersionEntry[Count];
        for (int i = 0; i < Count; i++) entries[i] = this[i];
        return _snapshot = entries;
    }

    /// <summary>Index of the origin, or the complement of where it would go (as BinarySearch).</summary>
    private int IndexOf(int origin)
    {
        // Most tables hold a handful of origins: a linear scan beats the generic binary search there.
        if (Count <= 8)
        {
            for (int i = 0; i < Count; i++)
            {
                int o = _origins[i];
                if (o == origin) return i;
                if (o > origin) return ~i;
            }
            return ~Count;
        }
        return Array.BinarySearch(_origins, 0, Count, origin);
    }
}
