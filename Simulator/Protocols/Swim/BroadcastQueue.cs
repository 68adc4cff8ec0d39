using System.Runtime.CompilerServices;

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
/// (now one tier up) back into the prefix they can reach. The list holds the order back to front
/// (the next broadcast to send is its last element): a new broadcast goes first or nearly, and a
/// joiner's first push-pull queues an alive about every member of the cluster, so front to back
/// every one of them moved the whole queue up a slot (a fifth of a 10-node join into 40,000 nodes
/// in memmove); back to front it is an append, and the transmitted entries that retire leave
/// from the end. A long queue also keeps a bit per node id saying whether it holds an entry about
/// that node: none of a joiner's alives is queued before, and searching the queue for each made a
/// join into n nodes cost n².
/// </remarks>
internal sealed class BroadcastQueue
{
    /// <summary>The smallest broadcast (a suspect or dead message; node meta only adds): once less space is left, no entry fits.</summary>
    private static readonly int SmallestBytes = Math.Min(SwimSizes.Alive, Math.Min(SwimSizes.Suspect, SwimSizes.Dead));

    /// <summary>
    /// The queue in reverse order, its first <see cref="_count"/> slots: the next broadcast to send
    /// last (<see cref="At"/>). An array and a count of this object's own rather than a list, so
    /// that a gossip tick with nothing queued (most of a quiet cluster's events) reads only this
    /// object, which lies among the node's prefetched lines, and not a list object after it.
    /// </summary>
    private Entry[] _entries = [];
    private int _count;
    /// <summary>
    /// A packet's scan: entries it passed over (too large for the bytes left), and those it took
    /// that stay queued, one transmit up. Work lists of one scan at a time, so one pair per thread
    /// (a SWIM run is never split across threads) rather than per node, which would add two list
    /// objects to every node's memory.
    /// </summary>
    [ThreadStatic] private static List<Entry>? t_skipped;
    [ThreadStatic] private static List<Entry>? t_taken;
    /// <summary>From this length on the queue keeps <see cref="_queuedBits"/> (and drops it below half of it).</summary>
    private const int IndexedFrom = 256;
    /// <summary>While the queue is long: bit per node id, set when an entry about that node is queued.</summary>
    private ulong[]? _queuedBits;
    private long _nextId;

    public int Count => _count;

    /// <summary>Bytes of ring meta an alive with tokens carries (<see cref="Ring.RingSettings.SwimMetaBytes"/>; 0 without a ring).</summary>
    public int MetaSizeBytes { get; set; }

    public void Enqueue(in SwimMemberUpdate update)
    {
        if (_queuedBits is null || IsQueued(update.Node))
            for (int i = 0; i < _count; i++)
                if (_entries[i].Update.Node == update.Node)
                {
                    RemoveAt(i);
                    break;
                }
        var entry = new Entry(update, SwimSizes.OfUpdate(update, MetaSizeBytes), 0, _nextId++);
        // The newest id comes first among untransmitted entries of its size.
        Insert(_count - FirstNotPreceding(Entries, 0, _count, entry), entry);
        if (_queuedBits is not null) SetQueued(update.Node, true);
        else if (_count >= IndexedFrom)
        {
            _queuedBits = [];
            foreach (var e in Entries) SetQueued(e.Update.Node, true);
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
        int count = _count, used = 0, scanned = 0;
        if (count == 0) return;
        bool anyTaken = false;
        var taken = t_taken ??= new();
        var skipped = t_skipped ??= new();
        taken.Clear();
        skipped.Clear();
        for (; scanned < count; scanned++)
        {
            var entry = At(scanned);
            int cost = entry.Size + overheadBytes;
            if (used + cost > limitBytes)
            {
                if (limitBytes - used < SmallestBytes + overheadBytes) break;
                skipped.Add(entry);
                continue;
            }
            used += cost;
            anyTaken = true;
            into.Add(entry.Update);
            if (entry.Transmits + 1 < retransmitLimit) taken.Add(entry with { Transmits = entry.Transmits + 1 });
            else if (_queuedBits is not null) SetQueued(entry.Update.Node, false);
        }
        if (!anyTaken) return;
        // Transmitting adds one to every taken entry, so they stay in order among themselves and
        // rejoin the queue no later than the first entry that follows the last of them: the run of
        // the order from the scan's end to that entry (found by bisection) merges with the skipped
        // and the taken entries. The merge writes the order's front first from the top of the list
        // down, in place (the unread rest of the run always lies below where it writes), and moves
        // the run's entries that come before the next skipped or taken one as a block: behind a
        // joiner's 40,000 untransmitted alives every packet's entries rejoin after all of them.
        var entries = Entries;
        int end = taken.Count == 0 ? scanned : FirstNotPreceding(entries, scanned, count, taken[^1]);
        int retired = scanned - skipped.Count - taken.Count;
        int write = count - 1 - retired, read = count - 1 - scanned, a = 0, b = 0;
        while (a < skipped.Count || b < taken.Count)
        {
            var next = b == taken.Count || (a < skipped.Count && !Precedes(taken[b], skipped[a])) ? skipped[a++] : taken[b++];
            int run = FirstNotPreceding(entries, count - 1 - read, end, next) - (count - 1 - read);
            entries.Slice(read - run + 1, run).CopyTo(entries.Slice(write - run + 1, run));
            write -= run;
            read -= run;
            entries[write--] = next;
        }
        // The retired entries' places, the gap of their number, are the last of the list.
        _count -= retired;
        if (_queuedBits is not null && _count < IndexedFrom / 2) _queuedBits = null;
    }

    /// <summary>The entry at this place of the queue order (0: the next to send).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry At(int place) => _entries[_count - 1 - place];

    private Span<Entry> Entries => _entries.AsSpan(0, _count);

    private void Insert(int index, in Entry entry)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, Math.Max(4, 2 * _count));
        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = entry;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_entries, index + 1, _entries, index, _count - index);
    }

    /// <summary>
    /// The first place in [<paramref name="from"/>, <paramref name="to"/>) of the queue order held
    /// in <paramref name="entries"/> whose entry does not precede <paramref name="entry"/>
    /// (<paramref name="to"/> if all do), by bisection: the order is sorted.
    /// </summary>
    private static int FirstNotPreceding(ReadOnlySpan<Entry> entries, int from, int to, in Entry entry)
    {
        while (from < to)
        {
            int middle = (int)((uint)(from + to) >> 1);
            if (Precedes(entries[entries.Length - 1 - middle], entry)) from = middle + 1;
            else to = middle;
        }
        return from;
    }

    /// <summary>Queue order: fewest transmits, then largest, then newest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Precedes(in Entry a, in Entry b) =>
        a.Transmits != b.Transmits ? a.Transmits < b.Transmits
        : a.Size != b.Size ? a.Size > b.Size
        : a.Id > b.Id;

    private readonly record struct Entry(SwimMemberUpdate Update, int Size, int Transmits, long Id);
}
