namespace GossipSim.Simulator.Network;

/// <summary>
/// Holds messages in flight in a slab with a free list, so a delivery event refers to its
/// message by an int slot and no per-message object is allocated.
/// </summary>
public sealed class MessageStore
{
    private Message[] _slots = new Message[1024];
    private int[] _free = new int[1024];
    private int _freeCount;
    private int _used;

    public int InFlight => _used - _freeCount;

    public int Add(in Message message)
    {
        int slot;
        if (_freeCount > 0) slot = _free[--_freeCount];
        else
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
                Array.Resize(ref _free, _slots.Length);
            }
            slot = _used++;
        }
        _slots[slot] = message;
        return slot;
    }

    public ref Message Get(int slot) => ref _slots[slot];

    public void Release(int slot)
    {
        _slots[slot].Payload = null;
        _free[_freeCount++] = slot;
    }
}
