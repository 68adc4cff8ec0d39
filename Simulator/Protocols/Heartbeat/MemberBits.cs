using System.Numerics;
using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Sets of member ids as bits, 64 members a word (member m is bit m % 64 of word m / 64): which
/// members a message carries states of, which a node holds, which it believes alive. The
/// exchange's comparisons produce and combine them a word at a time (<see cref="VersionCompare"/>).
/// </summary>
public static class MemberBits
{
    public const int WordBits = 64;

    /// <summary>Words for ids [0, count).</summary>
    public static int Words(int count) => (count + WordBits - 1) / WordBits;

    /// <summary>Ids [0, count) rounded up to whole words: the length of per-member arrays that are read a word at a time.</summary>
    public static int Padded(int count) => Words(count) * WordBits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Has(ulong[] bits, int member) => (bits[member / WordBits] & (1UL << member)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(ulong[] bits, int member, bool on)
    {
        ref ulong word = ref bits[member / WordBits];
        word = on ? word | (1UL << member) : word & ~(1UL << member);
    }

    public static int Count(ReadOnlySpan<ulong> bits)
    {
        int count = 0;
        foreach (ulong word in bits) count += BitOperations.PopCount(word);
        return count;
    }

    /// <summary>The members of a set in ascending order (<c>foreach (int m in MemberBits.Of(bits))</c>).</summary>
    public static Members Of(ReadOnlySpan<ulong> bits) => new(bits);

    /// <summary>An enumerator over the set bits, word by word: no allocation, and inlined into the caller's loop.</summary>
    public ref struct Members(ReadOnlySpan<ulong> bits)
    {
        private readonly ReadOnlySpan<ulong> _bits = bits;
        private int _word = -1;
        private ulong _rest;

        public int Current { get; private set; }

        public readonly Members GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_rest == 0)
            {
                if (++_word >= _bits.Length) return false;
                _rest = _bits[_word];
            }
            Current = _word * WordBits + BitOperations.TrailingZeroCount(_rest);
            _rest &= _rest - 1;
            return true;
        }
    }
}
