using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>The queue in reverse order: the next broadcast to send last (<see cref="At"/>).</summary>
    private readonly List<Entry> _entries = new();
    /// <summary>A packet's scan: entries it passed over (too large for the bytes left), and those it took that stay queued, one transmit up.</summary>
    private readonly List<Entry> _skipped = new();
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
            for (int i = 0; i < _entries.Count; i++)
                if (_entries[i].Update.Node == update.Node)
                {
                    _entries.RemoveAt(i);
                    break;
                }
        var entry = new Entry(update, SwimSizes.OfUpdate(update, MetaSizeBytes), 0, _nextId++);
        // The newest id comes first among untransmitted entries of its size.
        _entries.Insert(_entries.Count - FirstNotPreceding(CollectionsMarshal.AsSpan(_entries), 0, _entries.Count, entry), entry);
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
        int count = _entries.Count, used = 0, scanned = 0;
        bool anyTaken = false;
        _taken.Clear();
        _skipped.Clear();
        for (; scanned < count; scanned++)
        {
            var entry = At(scanned);
            int cost = entry.Size + overheadBytes;
            if (used + cost > limitBytes)
            {
                if (limitBytes - used < SmallestBytes + overheadBytes) break;
                _skipped.Add(entry);
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
        // rejoin the queue no later than the first entry that follows the last of them: the run of
        // the order from the scan's end to that entry (found by bisection) merges with the skipped
        // and the taken entries. The merge writes the order's front first from the top of the list
        // down, in place (the unread rest of the run always lies below where it writes), and moves
        // the run's entries that come before the next skipped or taken one as a block: behind a
        // joiner's 40,000 untransmitted alives every packet's entries rejoin after all of them.
        var entries = CollectionsMarshal.AsSpan(_entries);
        int end = _taken.Count == 0 ? scanned : FirstNotPreceding(entries, scanned, count, _taken[^1]);
        int retired = scanned - _skipped.Count - _taken.Count;
        int write = count - 1 - retired, read = count - 1 - scanned, a = 0, b = 0;
        while (a < _skipped.Count || b < _taken.Count)
        {
            var next = b == _taken.Count || (a < _skipped.Count && !Precedes(_taken[b], _skipped[a])) ? _skipped[a++] : _taken[b++];
            int run = FirstNotPreceding(entries, count - 1 - read, end, next) - (count - 1 - read);
            entries.Slice(read - run + 1, run).CopyTo(entries.Slice(write - run + 1, run));
            write -= run;
            read -= run;
            entries[write--] = next;
        }
        // The retired entries' places, the gap of their number, are the last of the list.
        if (retired > 0) _entries.RemoveRange(count - retired, retired);
        if (_queuedBits is not null && _entries.Count < IndexedFrom / 2) _queuedBits = null;
    }

    /// <summary>The entry at this place of the queue order (0: the next to send).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entry At(int place) => _entries[_entries.Count - 1 - place];

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
