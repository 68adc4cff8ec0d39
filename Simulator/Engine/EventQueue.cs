using System.Numerics;
using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// The simulation's event queue: a hashed timing wheel for the near future with an
/// <see cref="EventHeap"/> for events beyond the wheel's horizon. Gossip workloads schedule
/// almost everything a few milliseconds to one interval ahead, where a wheel push is an append
/// to its bucket and a pop reads the next slot of the current bucket, instead of a heap's
/// logarithmic sift. Every bucket owns a fixed run of slots in one flat array. A bucket ahead of
/// the cursor keeps its events in arrival order and is sorted into (time, sequence) order when the
/// cursor reaches it, so popping walks memory sequentially and the events after the next one
/// are at hand for the engine to prefetch their nodes (<see cref="UpcomingWheel"/>); a bucket that
/// outgrows its slots moves its events into an array of its own until the cursor leaves it. Two
/// earlier designs lost to this one: entries linked through one shared array with a free list
/// (every pop a cache miss at a million nodes), and an array per bucket (every push and pop read a
/// bucket's array header, a cache miss: a fifth of bw1's tick handler). Events come out in exactly
/// the heap's (time, sequence) order (a test checks both against each other), whichever structure
/// holds them, so the sizing never changes a run.
/// </summary>
public sealed class EventQueue
{
    private readonly int _bucketShift;
    private readonly int _bucketMask;
    private readonly long _horizonUs;
    /// <summary>
    /// Every bucket's events in one array: bucket b's, sorted, at [b * 2^_slotShift, + _counts[b])
    /// while they fit its slots. One flat array, so that pops sweep memory in order and no bucket
    /// costs an object header miss.
    /// </summary>
    private SimEvent[] _slots;
    private int _slotShift;
    /// <summary>Events pushed into each bucket this turn of the wheel (the cursor's popped ones included).</summary>
    private readonly int[] _counts;
    /// <summary>
    /// The events of each bucket holding more than its slots (a count above <see cref="SlotsPerBucket"/>
    /// says which), sorted, in an array of its own; null until a bucket first overflows. Aligned
    /// rounds put every node's tick in one bucket, and sending that overflow to the heap instead
    /// would make each of those events pay a heap push and pop.
    /// </summary>
    private SimEvent[]?[]? _big;
    /// <summary>Arrays of buckets the cursor has left, kept for the next bucket that overflows.</summary>
    private readonly Stack<SimEvent[]> _spareBig = new();
    /// <summary>Buckets that overflowed their slots in the current turn of the wheel.</summary>
    private int _turnOverflows;
    /// <summary>One bit per bucket, set while it holds events (popped ones of the cursor's included): the next bucket with events is a bit scan away.</summary>
    private readonly ulong[] _occupied;
    private readonly EventHeap _far = new();
    private int _wheelCount;
    /// <summary>Start time of the bucket the cursor is on; no wheel event is earlier.</summary>
    private long _cursorUs;
    private int _cursor;
    /// <summary>Events of the cursor's bucket before this index have been popped.</summary>
    private int _taken;

    /// <param name="bucketWidthLog2">Bucket width is 2^this microseconds (default 64 us).</param>
    /// <param name="bucketCountLog2">Number of buckets is 2^this (default 4096: a 262 ms horizon).</param>
    /// <param name="slotsLog2">A bucket has 2^this slots at first (default 4); see <see cref="EndTurn"/>.</param>
    public EventQueue(int bucketWidthLog2 = 6, int bucketCountLog2 = 12, int slotsLog2 = 2)
    {
        _bucketShift = bucketWidthLog2;
        _bucketMask = (1 << bucketCountLog2) - 1;
        _slotShift = slotsLog2;
        _slots = new SimEvent[1 << (bucketCountLog2 + slotsLog2)];
        _counts = new int[1 << bucketCountLog2];
        _occupied = new ulong[Math.Max(1, _counts.Length >> 6)];
        // One bucket short of a full turn, so a wheel event never shares a bucket with one a turn later.
        _horizonUs = ((long)_counts.Length - 1) << _bucketShift;
    }

    /// <summary>
    /// A wheel sized for a cluster of <paramref name="nodes"/>: pending events grow with the node count,
    /// so buckets narrow as it grows (64 µs at up to about 1,200 nodes, down to 8 µs from about
    /// 14,000) and grow in number (4,096 to 32,768), over a horizon of 262 ms. They stop narrowing at
    /// 8 µs: a push only appends to its bucket (sorted when the cursor reaches it), so a crowded bucket
    /// costs little, while narrower buckets spread the same events over more memory. At 1 µs, 262,144
    /// buckets of slots took 25 MB at 100,000 nodes, so nearly every push was a cache miss.
    /// A protocol whose round is longer than that horizon (<paramref name="roundUs"/>: SWIM probes
    /// every second) gets wider buckets, as few as reach one round ahead: its timers would otherwise
    /// all pass through the far heap, and at 100,000 nodes each heap pop is about ten cache misses.
    /// The order popped is (time, sequence) whatever the sizing, so this never changes a run's results.
    /// </summary>
    public static EventQueue ForNodes(int nodes, long roundUs = 0)
    {
        int widthLog2 = 6;
        for (long scaled = 1200; widthLog2 > MinBucketWidthLog2 && scaled * 3 / 2 < nodes; scaled *= 2) widthLog2--;
        int countLog2 = 12 + (6 - widthLog2);
        // A timer one round after now lies less than a round and a bucket after the cursor's bucket starts.
        while (widthLog2 < MaxBucketWidthLog2 && ((1L << countLog2) - 2 << widthLog2) < roundUs) widthLog2++;
        return new EventQueue(widthLog2, countLog2);
    }

    /// <summary>Buckets at least 2^3 µs wide (see <see cref="ForNodes"/>).</summary>
    private const int MinBucketWidthLog2 = 3;

    /// <summary>Buckets up to 2^20 µs (1 s) wide: a wheel of 4,096 of them reaches 71 min.</summary>
    private const int MaxBucketWidthLog2 = 20;

    public int Count => _wheelCount + _far.Count;

    /// <summary>Width of one wheel bucket.</summary>
    public long BucketWidthUs => 1L << _bucketShift;

    /// <summary>Events a bucket holds in the flat array; grows when many buckets overflow (see <see cref="EndTurn"/>).</summary>
    public int SlotsPerBucket => 1 << _slotShift;

    /// <summary>How far ahead of the cursor an event may be and still go on the wheel (later ones wait in the heap).</summary>
    public long HorizonUs => _horizonUs;

    public void Push(in SimEvent e)
    {
        if (e.TimeUs - _cursorUs >= _horizonUs || e.TimeUs < _cursorUs)
        {
            _far.Push(e);
            return;
        }
        int bucket = (int)(e.TimeUs >> _bucketShift) & _bucketMask;
        int count = _counts[bucket];
        _counts[bucket] = count + 1;
        _wheelCount++;
        _occupied[bucket >> 6] |= 1UL << bucket;
        var events = count < SlotsPerBucket ? _slots.AsSpan(bucket << _slotShift, count + 1) : Overflowing(bucket, count);
        // A bucket ahead of the cursor takes its events as they come and is sorted when the cursor
        // reaches it, so a push writes one slot (the bucket's end, warm from the push before) instead
        // of walking the bucket. Into the cursor's bucket an event is inserted in order among the
        // unpopped ones (usually an append), and popped events stay where they are.
        InsertInOrder(events, bucket == _cursor ? _taken : count, count, e);
    }

    /// <summary>
    /// Puts <paramref name="e"/> into <paramref name="events"/>, whose first <paramref name="count"/>
    /// are in (time, sequence) order from <paramref name="floor"/> on, among those: later ones move
    /// up a slot, and none before the floor moves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InsertInOrder(Span<SimEvent> events, int floor, int count, SimEvent e)
    {
        int i = count;
        for (; i > floor && EventHeap.Before(e, events[i - 1]); i--) events[i] = events[i - 1];
        events[i] = e;
    }

    /// <summary>Room for one more event in a bucket already holding <paramref name="count"/>, all in its own array from the first that does not fit its slots.</summary>
    private Span<SimEvent> Overflowing(int bucket, int count)
    {
        var big = (_big ??= new SimEvent[]?[_counts.Length])[bucket];
        if (big is null)
        {
            big = _spareBig.Count > 0 ? _spareBig.Pop() : new SimEvent[4 * SlotsPerBucket];
            // A spare from before the slots widened may be too short.
            if (big.Length <= count) big = new SimEvent[2 * count];
            _slots.AsSpan(bucket << _slotShift, count).CopyTo(big);
            _turnOverflows++;
        }
        else if (count == big.Length) Array.Resize(ref big, count * 2);
        _big[bucket] = big;
        return big.AsSpan(0, count + 1);
    }

    /// <summary>A bucket's events, in order (the cursor's popped ones first).</summary>
    private Span<SimEvent> Events(int bucket)
    {
        int count = _counts[bucket];
        return count <= SlotsPerBucket ? _slots.AsSpan(bucket << _slotShift, count) : _big![bucket].AsSpan(0, count);
    }

    /// <summary>Takes the earliest event if it comes before <paramref name="endUs"/>; false (and nothing taken) otherwise.</summary>
    public bool TryPopBefore(long endUs, out SimEvent e)
    {
        if (ToWheelHead())
        {
            ref SimEvent near = ref Events(_cursor)[_taken];
            if (_far.Count == 0 || EventHeap.Before(near, _far.Peek()))
            {
                e = near;
                if (e.TimeUs >= endUs) return false;
                _taken++;
                _wheelCount--;
                return true;
            }
        }
        else if (_far.Count == 0)
        {
            e = default;
            return false;
        }
        e = _far.Peek();
        if (e.TimeUs >= endUs) return false;
        _far.Pop();
        AdvanceTo(e.TimeUs);
        return true;
    }

    /// <summary>The earliest event, left in the queue; false when the queue is empty.</summary>
    public bool TryPeek(out SimEvent e)
    {
        // Nothing comes before the start of time, so this takes nothing and leaves the earliest in e.
        TryPopBefore(long.MinValue, out e);
        return Count > 0;
    }

    public SimEvent Pop() => TryPopBefore(long.MaxValue, out SimEvent e) ? e : throw new InvalidOperationException("The event queue is empty.");

    /// <summary>
    /// Wheel events that come soon: the unpopped rest of the cursor's bucket, next first, or when that
    /// is used up the following bucket's events, in the order they were pushed (that bucket is sorted
    /// only when the cursor reaches it). A hint for prefetching: it ignores the far heap (a
    /// far event may come first) and buckets further on, and never changes what <see cref="Pop"/>
    /// returns. It does not move the cursor: moved ahead of the clock, the cursor would send every
    /// event scheduled before its new bucket to the far heap. Valid until the next push or pop.
    /// </summary>
    public ReadOnlySpan<SimEvent> UpcomingWheel()
    {
        if (_counts[_cursor] > _taken) return Events(_cursor)[_taken..];
        return Events((_cursor + 1) & _bucketMask);
    }

    /// <summary>Moves the cursor past finished buckets to the next unpopped wheel event; false when the wheel is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ToWheelHead()
    {
        if (_wheelCount == 0) return false;
        if (_taken == _counts[_cursor]) ToNextOccupiedBucket();
        return true;
    }

    /// <summary>
    /// Leaves the cursor's used-up bucket for the next one holding events; some bucket does, and
    /// not the cursor's (no wheel event lies a whole turn ahead). Most buckets of a small
    /// cluster are empty, so a bit scan finds the next instead of a walk over the counts.
    /// </summary>
    private void ToNextOccupiedBucket()
    {
        int from = _cursor;
        Empty(from);
        int word = from >> 6;
        // The buckets after this one in its word; 2 << 63 wraps to 0, leaving none.
        ulong bits = _occupied[word] & ~((2UL << from) - 1);
        while (bits == 0)
        {
            word = (word + 1) & (_occupied.Length - 1);
            bits = _occupied[word];
        }
        int next = (word << 6) + BitOperations.TrailingZeroCount(bits);
        if (next <= from) EndTurn();
        int steps = (next - from) & _bucketMask;
        _cursor = next;
        _cursorUs += (long)steps << _bucketShift;
        SortInOrder(Events(next));
    }

    /// <summary>
    /// Puts a bucket's events in (time, sequence) order. Events mostly arrive nearly in order, so an
    /// insertion sort does little work; a crowded bucket (an aligned round puts every node's tick in
    /// one) is sorted by the library's introsort, which never takes quadratic time. Sequence numbers
    /// are unique, so no two events compare equal and the order does not depend on the sort.
    /// </summary>
    private static void SortInOrder(Span<SimEvent> events)
    {
        if (events.Length > InsertionSortMax)
        {
            events.Sort();
            return;
        }
        for (int i = 1; i < events.Length; i++) InsertInOrder(events, 0, i, events[i]);
    }

    /// <summary>Buckets up to this many events are sorted by insertion.</summary>
    private const int InsertionSortMax = 32;

    /// <summary>The cursor leaves a bucket whose events are all popped: it holds none, and gives back its own array if it had one.</summary>
    private void Empty(int bucket)
    {
        if (_counts[bucket] > SlotsPerBucket) GiveBackBig(bucket);
        _counts[bucket] = 0;
        _occupied[bucket >> 6] &= ~(1UL << bucket);
        _taken = 0;
    }

    /// <summary>
    /// Once a turn: if more than one bucket in 64 overflowed its slots, every bucket gets twice the
    /// slots, as long as all slots stay within 8 per pending event. Dense wheels widen: a million nodes
    /// ticking every 200 ms put five events in a 1 µs bucket on average, and with 4 slots most of
    /// them would overflow. A few crowded buckets, as
    /// aligned rounds make, keep their own arrays instead, and empty buckets cost no more memory.
    /// The sizing follows the run's own events, so it never changes their order.
    /// </summary>
    private void EndTurn()
    {
        long widened = (long)_slots.Length << 1;
        if (_turnOverflows * 64L > _counts.Length && widened <= 8L * Count) Widen();
        _turnOverflows = 0;
    }

    /// <summary>Doubles every bucket's slots; a bucket of its own array that now fits moves back into them. Each bucket's events (popped ones too) keep their indices.</summary>
    private void Widen()
    {
        var wider = new SimEvent[_slots.Length << 1];
        int slots = SlotsPerBucket;
        for (int bucket = 0; bucket < _counts.Length; bucket++)
        {
            int count = _counts[bucket];
            if (count > 2 * slots) continue;
            Events(bucket).CopyTo(wider.AsSpan(bucket << (_slotShift + 1)));
            if (count > slots) GiveBackBig(bucket);
        }
        _slots = wider;
        _slotShift++;
    }

    /// <summary>A bucket's own array is no longer its home: kept for the next bucket that overflows.</summary>
    private void GiveBackBig(int bucket)
    {
        _spareBig.Push(_big![bucket]!);
        _big[bucket] = null;
    }

    /// <summary>After a far event is taken, no wheel event is earlier than it: the cursor may jump there.</summary>
    private void AdvanceTo(long timeUs)
    {
        long bucketStart = timeUs >> _bucketShift << _bucketShift;
        if (_wheelCount > 0 || bucketStart <= _cursorUs) return;
        // The wheel is empty: the cursor's bucket holds only popped events.
        Empty(_cursor);
        _cursorUs = bucketStart;
        _cursor = (int)(timeUs >> _bucketShift) & _bucketMask;
    }
}
