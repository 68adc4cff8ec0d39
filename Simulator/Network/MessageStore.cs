namespace GossipSim.Simulator.Network;

/// <summary>
/// Holds messages in flight in a slab with a free list, so a delivery event refers to its
/// message by an int slot and no per-message object is allocated. Payload references live in
/// a separate array, touched only for messages that have one: copying a struct that holds a
/// reference into the heap costs a GC write barrier, and most messages carry none. The store
/// keeps the in-flight count of every <see cref="ReusablePayload"/> it holds.
/// </summary>
public sealed class MessageStore
{
    private Message[] _slots = new Message[1024];
    private object?[] _payloads = new object?[1024];
    private int[] _free = new int[1024];
    private int _freeCount;
    private int _used;

    public int InFlight => _used - _freeCount;

    /// <summary>Stores a message sent from <paramref name="from"/> to <paramref name="to"/>; returns its slot.</summary>
    public int Add(in Message message, int from, int to)
    {
        int slot;
        if (_freeCount > 0) slot = _free[--_freeCount];
        else
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
                Array.Resize(ref _payloads, _slots.Length);
                Array.Resize(ref _free, _slots.Length);
            }
            slot = _used++;
        }
        _slots[slot].CopyWithoutPayload(message, from, to);
        if (message.Payload is not null)
        {
            _payloads[slot] = message.Payload;
            (message.Payload as ReusablePayload)?.Added();
        }
        return slot;
    }

    /// <summary>Hints the CPU to load a slot that is about to be taken (see <see cref="Engine.CachePrefetch"/>).</summary>
    public void Prefetch(int slot) => Engine.CachePrefetch.Location(ref _slots[slot]);

    /// <summary>
    /// Takes the message out of its slot and frees the slot. Written into the caller's variable: a
    /// returned copy was copied twice more on the way to a handler (bw1's deliveries).
    /// </summary>
    public void Take(int slot, out Message message)
    {
        message = _slots[slot];
        object? payload = _payloads[slot];
        if (payload is not null)
        {
            message.Payload = payload;
            _payloads[slot] = null;
            (payload as ReusablePayload)?.Taken();
        }
        _free[_freeCount++] = slot;
    }
}
