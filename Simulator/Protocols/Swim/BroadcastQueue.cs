namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// memberlist's TransmitLimitedQueue (queue.go): broadcasts waiting to be piggybacked. A new
/// broadcast about a node replaces any queued one about the same node; packets take the fewest
/// transmitted first, then the largest that fits, then the newest; a broadcast is dropped after
/// the retransmit limit. At most one entry per member.
/// </summary>
/// <remarks>
/// The entries are a binary heap in that order (memberlist keeps a btree for the same reason). A
/// node that joins a large cluster learns every member in one push-pull and queues an alive about
/// each, so the queue can hold n entries, and anything linear per enqueue made the join cost n².
/// Here an enqueue is O(log q): the entry it replaces is not searched for but left in the heap,
/// stale (its id is no longer its node's current one), and discarded when it comes to the top.
/// Take pops in order, stops once not even the smallest broadcast fits, and pushes back what it
/// skipped and what it transmitted (one tier up).
/// </remarks>
internal sealed class BroadcastQueue
{
    /// <summary>The smallest broadcast (a suspect or dead message; node meta only adds): once less space is left, no entry fits.</summary>
    private static readonly int SmallestBytes = Math.Min(SwimSizes.Alive, Math.Min(SwimSizes.Suspect, SwimSizes.Dead));

    private readonly PriorityQueue<Entry, Entry> _heap = new(QueueOrder.Instance);
    /// <summary>Id of each queued node's current entry; any other entry about that node in the heap is stale.</summary>
    private readonly Dictionary<int, long> _current = new();
    private readonly List<Entry> _pushBack = new();
    private long _nextId;

    public int Count => _current.Count;

    /// <summary>Bytes of ring meta an alive with tokens carries (<see cref="Ring.RingSettings.SwimMetaBytes"/>; 0 without a ring).</summary>
    public int MetaSizeBytes { get; set; }

    public void Enqueue(in SwimMemberUpdate update)
    {
        var entry = new Entry(update, SwimSizes.OfUpdate(update, MetaSizeBytes), 0, _nextId++);
        _current[update.Node] = entry.Id;
        _heap.Enqueue(entry, entry);
    }

    /// <summary>
    /// Moves into <paramref name="into"/> the broadcasts that fit in <paramref name="limitBytes"/>,
    /// each costing its size plus <paramref name="overheadBytes"/>; each taken counts one transmit.
    /// </summary>
    public void Take(int overheadBytes, int limitBytes, int retransmitLimit, List<SwimMemberUpdate> into)
    {
        int used = 0;
        _pushBack.Clear();
        while (limitBytes - used >= SmallestBytes + overheadBytes && _heap.TryDequeue(out var entry, out _))
        {
            if (_current.GetValueOrDefault(entry.Update.Node, -1) != entry.Id) continue;
            int cost = entry.Size + overheadBytes;
            if (used + cost > limitBytes)
            {
                _pushBack.Add(entry);
                continue;
            }
            used += cost;
            into.Add(entry.Update);
            if (entry.Transmits + 1 < retransmitLimit) _pushBack.Add(entry with { Transmits = entry.Transmits + 1 });
            else _current.Remove(entry.Update.Node);
        }
        foreach (var entry in _pushBack) _heap.Enqueue(entry, entry);
        // Stale entries wait in the heap until they surface; once they outnumber the live ones
        // (a storm of replacements), the heap is rebuilt from the live ones.
        if (_heap.Count > 2 * _current.Count + 64) Compact();
    }

    private void Compact()
    {
        _pushBack.Clear();
        foreach (var (entry, _) in _heap.UnorderedItems)
            if (_current.GetValueOrDefault(entry.Update.Node, -1) == entry.Id) _pushBack.Add(entry);
        _heap.Clear();
        foreach (var entry in _pushBack) _heap.Enqueue(entry, entry);
    }

    private readonly record struct Entry(SwimMemberUpdate Update, int Size, int Transmits, long Id);

    /// <summary>Queue order: fewest transmits, then largest, then newest.</summary>
    private sealed class QueueOrder : IComparer<Entry>
    {
        public static readonly QueueOrder Instance = new();

        public int Compare(Entry a, Entry b) =>
            a.Transmits != b.Transmits ? a.Transmits.CompareTo(b.Transmits)
            : a.Size != b.Size ? b.Size.CompareTo(a.Size)
            : b.Id.CompareTo(a.Id);
    }
}
