namespace GossipSim.Simulator.Engine;

/// <summary>
/// Tags of pending tagged timers (say, which member a suspicion timer is about), kept beside
/// the queue so that every event stays 24 bytes. A slot is freed when its timer comes due.
/// </summary>
public sealed class TimerTagStore
{
    private (int Stamp, long Tag)[] _slots = new (int, long)[256];
    private int[] _free = new int[256];
    private int _freeCount;
    private int _used;

    public int Add(int stamp, long tag)
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
        _slots[slot] = (stamp, tag);
        return slot;
    }

    public (int Stamp, long Tag) Take(int slot)
    {
        _free[_freeCount++] = slot;
        return _slots[slot];
    }
}
