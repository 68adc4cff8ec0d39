using System.Numerics;
using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Protocols;

/// <summary>
/// One row's cells by column (columns are not negative), for <see cref="SharedViewTable{T}"/>'s
/// differences: open addressing with linear probing, column and cell side by side in one array.
/// A lookup is one probe in the common case; <see cref="Dictionary{TKey, TValue}"/> reads a
/// bucket array and then an entry array, two cache misses a lookup, and a fault storm gives each
/// node hundreds of differences that every message looks up.
/// At most three slots in four are used; a removal shifts the entries after it back
/// (no tombstones). Enumeration order is the slots' order, which no caller depends on.
/// </summary>
internal sealed class ColumnMap<T> where T : unmanaged
{
    /// <summary>A slot holds column + 1, so that 0 (a fresh array's) is empty.</summary>
    internal struct Slot
    {
        public int ColumnPlusOne;
        public T Value;
    }

    private const int MinSlots = 8;
    private Slot[] _slots;
    private int _shift;

    /// <param name="capacity">Cells it holds before it grows.</param>
    public ColumnMap(int capacity = 0)
    {
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinSlots, capacity + capacity / 3 + 1));
        _slots = new Slot[slots];
        _shift = 32 - BitOperations.Log2((uint)slots);
    }

    public int Count { get; private set; }

    /// <summary>Cells it holds before it grows.</summary>
    public int Capacity => _slots.Length / 4 * 3;

    public bool TryGetValue(int column, out T value)
    {
        ref Slot slot = ref _slots[Find(column)];
        // An empty slot's cell is default.
        value = slot.Value;
        return slot.ColumnPlusOne != 0;
    }

    public bool ContainsKey(int column) => TryGetValue(column, out _);

    /// <summary>Sets the column's cell, adding the column if absent.</summary>
    public T this[int column]
    {
        set
        {
            int i = Find(column);
            if (_slots[i].ColumnPlusOne == 0)
            {
                if (Count + 1 > Capacity)
                {
                    Grow();
                    i = Find(column);
                }
                _slots[i].ColumnPlusOne = column + 1;
                Count++;
            }
            _slots[i].Value = value;
        }
    }

    public bool Remove(int column) => Remove(column, out _);

    public bool Remove(int column, out T value)
    {
        int i = Find(column);
        if (_slots[i].ColumnPlusOne == 0)
        {
            value = default;
            return false;
        }
        value = _slots[i].Value;
        // Backward shift: each following entry of the probe run moves into the hole if the hole
        // lies between its home slot and where it is, so every lookup still finds it.
        int mask = _slots.Length - 1;
        for (int j = (i + 1) & mask; _slots[j].ColumnPlusOne != 0; j = (j + 1) & mask)
        {
            int home = Home(_slots[j].ColumnPlusOne - 1);
            if (((j - home) & mask) >= ((j - i) & mask))
            {
                _slots[i] = _slots[j];
                i = j;
            }
        }
        _slots[i] = default;
        Count--;
        return true;
    }

    public Enumerator GetEnumerator() => new(_slots);

    /// <summary>The (column, cell) pairs, in slot order.</summary>
    public struct Enumerator(Slot[] slots)
    {
        private int _index = -1;

        public readonly (int Column, T Value) Current => (slots[_index].ColumnPlusOne - 1, slots[_index].Value);

        public bool MoveNext()
        {
            while (++_index < slots.Length)
                if (slots[_index].ColumnPlusOne != 0) return true;
            return false;
        }
    }

    /// <summary>The slot holding the column, or the empty slot that ends its probe run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(int column)
    {
        int mask = _slots.Length - 1;
        int i = Home(column);
        while (_slots[i].ColumnPlusOne != 0 && _slots[i].ColumnPlusOne != column + 1) i = (i + 1) & mask;
        return i;
    }

    /// <summary>Fibonacci hashing: the top bits of the column times 2^32 / φ, so that neighbouring columns spread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int column) => (int)((uint)column * 0x9E3779B9u >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        _shift--;
        // The columns are distinct, so each finds the empty slot that ends its run.
        foreach (var slot in old)
            if (slot.ColumnPlusOne != 0) _slots[Find(slot.ColumnPlusOne - 1)] = slot;
    }
}
