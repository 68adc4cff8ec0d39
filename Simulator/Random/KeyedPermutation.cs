using System.Numerics;

namespace GossipSim.Simulator.Random;

/// <summary>
/// A pseudo-random permutation of [0, n) chosen by a 64-bit key, computed per index in O(1) time
/// and no memory: a 4-round balanced Feistel network over the smallest domain of 2^(2h) values that
/// holds n, with cycle walking (an image at or above n is permuted again until it falls below n;
/// the domain is under 4n, so that takes under 4 rounds on average). Lets a node walk its members
/// in a fresh shuffled order every pass without keeping the order as an array.
/// </summary>
public static class KeyedPermutation
{
    private const int Rounds = 4;

    /// <summary>The image of <paramref name="index"/> (in [0, n)) under the permutation of [0, n) keyed by <paramref name="key"/>.</summary>
    public static int At(int index, int n, ulong key)
    {
        if ((uint)index >= (uint)n) throw new ArgumentOutOfRangeException(nameof(index));
        int halfBits = Math.Max(1, (BitOperations.Log2((uint)Math.Max(1, n - 1)) + 2) / 2);
        uint x = (uint)index;
        do x = Encrypt(x, halfBits, key);
        while (x >= (uint)n);
        return (int)x;
    }

    private static uint Encrypt(uint x, int halfBits, ulong key)
    {
        uint mask = (1u << halfBits) - 1;
        uint left = x >> halfBits, right = x & mask;
        for (int round = 0; round < Rounds; round++)
        {
            uint f = (uint)SplitMix64.Mix(key ^ ((ulong)round << 56) ^ right) & mask;
            (left, right) = (right, left ^ f);
        }
        return (left << halfBits) | right;
    }
}
