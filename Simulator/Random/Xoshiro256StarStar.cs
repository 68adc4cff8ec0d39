using System.Numerics;
using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Random;

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna): a fast, well-tested 64-bit generator. One instance
/// is one independent random stream; the simulator never shares a stream between purposes.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    // The 53 bits fit a long exactly, and a signed conversion is one instruction (an unsigned one takes a branch and six more).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1L << 53));

    /// <summary>Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound)
    {
        ulong x = NextUInt64() >> 32;
        ulong m = x * (ulong)(uint)bound;
        uint low = (uint)m;
        if (low < (uint)bound)
        {
            uint threshold = (uint)-bound % (uint)bound;
            while (low < threshold)
            {
                x = NextUInt64() >> 32;
                m = x * (ulong)(uint)bound;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Uniform integer in [min, max] inclusive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NextInclusive(long min, long max)
    {
        ulong span = (ulong)(max - min) + 1;
        if (span <= int.MaxValue) return min + NextInt((int)span);
        // Wide spans: the high word of a 64x64 product; its bias (span / 2^64) is far below any test's power.
        return min + (long)Math.BigMul(NextUInt64(), span, out _);
    }
}
