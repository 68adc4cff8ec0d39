namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// memberlist's TransmitLimitedQueue (queue.go): broadcasts waiting to be piggybacked. A new
/// broadcast about a node replaces any queued one about the same node; packets take the fewest
/// transmitted first, then the largest that fits, then the newest; a broadcast is dropped after
/// the retransmit limit. At most one entry per member.
/// </summary>
/// <remarks>
/// The entries are kept in that order at all times (memberlist keeps a btree for the same reason):
/// under a storm of suspicions the queue holds one entry per member, and sorting it for every
/// packet cost more than the rest of the simulation. Enqueue inserts in place; Take walks the
/// order, stops once not even the smallest broadcast fits, and merges the transmitted entries
/// (now one tier up) back into the prefix they can reach. A long queue also keeps a bit per node
/// id saying whether it holds an entry about that node: a joiner's first push-pull queues an alive
/// about every member of the cluster, none of them queued before, and searching the queue for each
/// made a join into n nodes cost n².
/// </remarks>
internal sealed class BroadcastQueue
{
    /// <summary>The smallest broadcast (a suspect or dead message; node meta only adds): once less space is left, no entry fits.</summary>
    private static readonly int SmallestBytes = Math.Min(SwimSizes.Alive, Math.Min(SwimSizes.Suspect, SwimSizes.Dead));

    private readonly List<Entry> _entries = new();
    private readonly List<Entry> _spare = new();
    private readonly List<Entry> _taken = new();
    /// <summary>From this length on the queue keeps <see cref="_queuedBits"/> (and drops it below half of it).</summary>
    private const int IndexedFrom = 256;
    /// <summary>While the queue is long: bit per node id, set when an entry about that node is queued.</summary>
    private ulong[]? _queuedBits;
    private long _nextId;

    public int Count => _entries.Count;

    /// <summary>Bytes of ring meta an alive with tokens carries (<see cref="Ring.RingSettings.SwimMetaBytes"/>; 0 without a ring).</summary>
    public int MetaSizeBytes { get; set; }

    public void Enqueue(in SwimMemberUpdate update)
    {
        if (_queuedBits is null || IsQueued(update.Node))
            for (int i = _entries.Count - 1; i >= 0; i--)
                if (_entries[i].Update.Node == update.Node)
                {
                    _entries.RemoveAt(i);
                    break;
                }
        var entry = new Entry(update, SwimSizes.OfUpdate(update, MetaSizeBytes), 0, _nextId++);
        // The newest id comes first among untransmitted entries of its size.
        int at = 0;
        while (at < _entries.Count && Precedes(_entries[at], entry)) at++;
        _entries.Insert(at, entry);
        if (_queuedBits is not null) SetQueued(update.Node, true);
        else if (_entries.Count >= IndexedFrom)
        {
            _queuedBits = [];
            foreach (var e in _entries) SetQueued(e.Update.Node, true);
        }
    }

    private bool IsQueued(int node) => node >> 6 < _queuedBits!.Length && (_queuedBits[node >> 6] & (1UL << node)) != 0;

    private void SetQueued(int node, bool queued)
    {
        int word = node >> 6;
        if (word >= _queuedBits!.Length) Array.Resize(ref _queuedBits, Math.Max(word + 1, 2 * _queuedBits.Length));
        if (queued) _queuedBits[word] |= 1UL << node;
        else _queuedBits[word] &= ~(1UL << node);
    }

    /// <summary>
    /// Moves into <paramref name="into"/> the broadcasts that fit in <paramref name="limitBytes"/>,
    /// each costing its size plus <paramref name="overheadBytes"/>; each taken counts one transmit.
    /// </summary>
    public void Take(int overheadBytes, int limitBytes, int retransmitLimit, List<SwimMemberUpdate> into)
    {
        int used = 0, scanned = 0;
        bool anyTaken = false;
        _taken.Clear();
        _spare.Clear();
        for (; scanned < _entries.Count; scanned++)
        {
            var entry = _entries[scanned];
            int cost = entry.Size + overheadBytes;
            if (used + cost > limitBytes)
            {
                if (limitBytes - used < SmallestBytes + overheadBytes) break;
                _spare.Add(entry);
                continue;
            }
            used += cost;
            anyTaken = true;
            into.Add(entry.Update);
            if (entry.Transmits + 1 < retransmitLimit) _taken.Add(entry with { Transmits = entry.Transmits + 1 });
            else if (_queuedBits is not null) SetQueued(entry.Update.Node, false);
        }
        if (!anyTaken) return;
        // Transmitting adds one to every taken entry, so they stay in order among themselves and
        // rejoin the queue no later than the first entry that follows the last of them.
        int end = scanned;
        if (_taken.Count > 0)
            while (end < _entries.Count && Precedes(_entries[end], _taken[^1])) _spare.Add(_entries[end++]);
        int write = 0, a = 0, b = 0;
        while (a < _spare.Count && b < _taken.Count)
            _entries[write++] = Precedes(_taken[b], _spare[a]) ? _taken[b++] : _spare[a++];
        while (a < _spare.Count) _entries[write++] = _spare[a++];
        while (b < _taken.Count) _entries[write++] = _taken[b++];
        // Retired entries leave a gap of their number.
        if (write < end) _entries.RemoveRange(write, end - write);
        if (_queuedBits is not null && _entries.Count < IndexedFrom / 2) _queuedBits = null;
    }

    /// <summary>Queue order: fewest transmits, then largest, then newest.</summary>
    private static bool Precedes(in Entry a, in Entry b) =>
        a.Transmits != b.Transmits ? a.Transmits < b.Transmits
        : a.Size != b.Size ? a.Size > b.Size
        : a.Id > b.Id;

    private readonly record struct Entry(SwimMemberUpdate Update, int Size, int Transmits, long Id);
}
