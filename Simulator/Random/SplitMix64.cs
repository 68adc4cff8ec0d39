namespace GossipSim.Simulator.Random;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): used only to expand one 64-bit seed into the
/// 256-bit state of a <see cref="Xoshiro256StarStar"/> stream, as its authors recommend.
/// </summary>
public static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A one-shot mix of a value: used to derive independent stream seeds.</summary>
    public static ulong Mix(ulong value)
    {
        ulong state = value;
        return Next(ref state);
    }
}
