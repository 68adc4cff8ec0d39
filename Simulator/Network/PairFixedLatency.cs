using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// A fixed base delay per node pair plus per-message jitter (YAML <c>pair_fixed: true</c>,
/// <c>jitter</c>). The base of pair {a, b} is the inner distribution's quantile at a uniform hashed
/// from (seed, min(a,b), max(a,b)) with SplitMix64, so it costs no memory per pair (a table would
/// need n^2 entries: 10^10 at 100,000 nodes) and no draw; both directions of a pair share it. The
/// jitter is uniform in [0, jitter] from the network stream, drawn only when jitter > 0.
/// </summary>
public sealed class PairFixedLatency(LatencyModel inner, ulong pairSeed, Xoshiro256StarStar stream, long jitterUs) : LatencyModel
{
    public override long SampleUs(int from, int to)
    {
        long baseUs = BaseUs(from, to);
        return jitterUs > 0 ? baseUs + stream.NextInclusive(0, jitterUs) : baseUs;
    }

    /// <summary>The pair's fixed base delay.</summary>
    public long BaseUs(int a, int b)
    {
        ulong lo = (uint)Math.Min(a, b), hi = (uint)Math.Max(a, b);
        ulong h = SplitMix64.Mix(pairSeed ^ SplitMix64.Mix((lo << 32) | hi));
        return inner.QuantileUs((h >> 11) * (1.0 / (1UL << 53)));
    }

    public override long QuantileUs(double u) => inner.QuantileUs(u) + (long)(u * jitterUs);

    /// <summary>A pair's base is a quantile of the inner model, and jitter only adds.</summary>
    public override long MinUs => inner.MinUs;

    public override double MeanUs => inner.MeanUs + jitterUs / 2.0;
}
