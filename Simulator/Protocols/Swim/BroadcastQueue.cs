using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// memberlist's TransmitLimitedQueue (queue.go): broadcasts waiting to be piggybacked. A new
/// broadcast about a node replaces any queued one about the same node; packets take the fewest
/// transmitted first, then the largest that fits, then the newest; a broadcast is dropped after
/// the retransmit limit. At most one entry per member, so the queue stays small.
/// </summary>
internal sealed class BroadcastQueue
{
    private readonly List<Entry> _entries = new();
    private long _nextId;

    public int Count => _entries.Count;

    public void Enqueue(in SwimMemberUpdate update)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
            if (_entries[i].Update.Node == update.Node) _entries.RemoveAt(i);
        _entries.Add(new Entry(update, SwimSizes.OfUpdate(update), 0, _nextId++));
    }

    /// <summary>
    /// Moves into <paramref name="into"/> the broadcasts that fit in <paramref name="limitBytes"/>,
    /// each costing its size plus <paramref name="overheadBytes"/>; each taken counts one transmit.
    /// </summary>
    public void Take(int overheadBytes, int limitBytes, int retransmitLimit, List<SwimMemberUpdate> into)
    {
        if (_entries.Count == 0) return;
        var span = CollectionsMarshal.AsSpan(_entries);
        // The queue's btree order: a greedy walk over it takes, in each transmit tier, the largest that fits first.
        span.Sort(static (a, b) => a.Transmits != b.Transmits ? a.Transmits.CompareTo(b.Transmits)
            : a.Size != b.Size ? b.Size.CompareTo(a.Size) : b.Id.CompareTo(a.Id));
        int used = 0;
        bool anyRetired = false;
        for (int i = 0; i < span.Length; i++)
        {
            int cost = span[i].Size + overheadBytes;
            if (used + cost > limitBytes) continue;
            used += cost;
            into.Add(span[i].Update);
            span[i].Transmits++;
            anyRetired |= span[i].Transmits >= retransmitLimit;
        }
        if (!anyRetired) return;
        for (int i = _entries.Count - 1; i >= 0; i--)
            if (_entries[i].Transmits >= retransmitLimit) _entries.RemoveAt(i);
    }

    private record struct Entry(SwimMemberUpdate Update, int Size, int Transmits, long Id);
}
