using GossipSim.Scenarios.Tables;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Network;

/// <summary>
/// Pareto and empirical latency: sample quantiles against the distribution. Band: by the
/// Dvoretzky-Kiefer-Wolfowitz inequality, P(sup |F_n - F| > e) &lt;= 2 exp(-2 n e^2); with
/// n = 100,000 and e = 0.006 that is 1.5e-3, so each empirical q-quantile must lie between the true
/// (q - e)- and (q + e)-quantiles (plus 1 us for rounding to whole microseconds).
/// </summary>
public class LatencyDistributionTests
{
    private const int N = 100_000;
    private const double Eps = 0.006;

    private static long[] Sorted(LatencyModel model)
    {
        var xs = new long[N];
        for (int i = 0; i < N; i++) xs[i] = model.SampleUs(0, 1);
        Array.Sort(xs);
        return xs;
    }

    private static void AssertQuantiles(long[] sorted, Func<double, double> quantile, params double[] qs)
    {
        foreach (double q in qs)
        {
            long sample = sorted[(int)(q * N)];
            Assert.That(sample, Is.InRange(quantile(Math.Max(0, q - Eps)) - 1, quantile(Math.Min(1 - 1e-9, q + Eps)) + 1), $"q = {q}");
        }
    }

    [Test]
    public void Pareto_SampleQuantiles_MatchInverseCdfWithinDkwBand()
    {
        const double scale = 2_000, shape = 1.5;
        var model = LatencySpec.Pareto(2_000, shape).Build(new Xoshiro256StarStar(21));
        double Q(double u) => scale * Math.Pow(1 - u, -1 / shape);
        AssertQuantiles(Sorted(model), Q, 0.1, 0.5, 0.9, 0.99);
        Assert.That(model.MeanUs, Is.EqualTo(shape * scale / (shape - 1)));
        Assert.That(model.QuantileUs(0.5), Is.EqualTo((long)Math.Round(Q(0.5))));
    }

    [Test]
    public void Empirical_Samples_EachDrawnWithEqualFrequency()
    {
        var table = LatencyTable.TryParse(["latency_ms", "4", "1", "2", "3"], "s.csv", out var error)!;
        Assert.That(error, Is.Null);
        var model = LatencySpec.Empirical(table.ValuesUs, table.Cdf).Build(new Xoshiro256StarStar(22));
        var counts = Sorted(model).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts.Keys, Is.EquivalentTo(new long[] { 1_000, 2_000, 3_000, 4_000 }));
        // Each 1/4: binomial sd sqrt(N/4 * 3/4) = 137; band 5 sd.
        foreach (int c in counts.Values) Assert.That(c, Is.EqualTo(N / 4).Within(685));
    }

    [Test]
    public void Empirical_Cdf_SampleQuantilesFollowPiecewiseLinearInverse()
    {
        // F(1ms) = 0, F(2ms) = 0.5, F(10ms) = 1: median 2 ms, q = 0.75 at 6 ms.
        var table = LatencyTable.TryParse(["# measured", "latency_ms,cdf", "1,0", "2,0.5", "", "10,1.0"], "c.csv", out _)!;
        var model = (EmpiricalLatency)LatencySpec.Empirical(table.ValuesUs, table.Cdf).Build(new Xoshiro256StarStar(23));
        static double Q(double u) => u <= 0.5 ? 1_000 + u / 0.5 * 1_000 : 2_000 + (u - 0.5) / 0.5 * 8_000;
        Assert.That((model.QuantileUs(0.5), model.QuantileUs(0.75)), Is.EqualTo((2_000L, 6_000L)));
        AssertQuantiles(Sorted(model), Q, 0.05, 0.25, 0.5, 0.75, 0.95);
        Assert.That(model.MeanUs, Is.EqualTo(0.5 * 1_500 + 0.5 * 6_000));
    }

    [TestCase(new[] { "latency", "1" }, "c.csv:1: header: expected 'latency_us'")]
    [TestCase(new[] { "latency_ms", "1", "x" }, "c.csv:3: latency_ms: expected a number >= 0, got 'x'")]
    [TestCase(new[] { "latency_ms", "-1" }, "c.csv:2: latency_ms: expected a number >= 0")]
    [TestCase(new[] { "latency_us,cdf", "1,0.5", "2,0.4" }, "c.csv:3: cdf: CDF points must be nondecreasing")]
    [TestCase(new[] { "latency_us,cdf", "5,0.5", "2,0.9" }, "c.csv:3: latency_us: CDF points must be nondecreasing")]
    [TestCase(new[] { "latency_us,cdf", "1,0.5", "2,1.5" }, "c.csv:3: cdf: expected a probability in [0, 1]")]
    [TestCase(new[] { "latency_us,cdf", "1,0.5", "2,0.9", "" }, "c.csv:3: cdf: the last point must have cdf 1")]
    [TestCase(new[] { "latency_s,cdf", "1" }, "c.csv:2: expected 2 field(s)")]
    [TestCase(new[] { "latency_ms" }, "c.csv:1: latency_ms: no data rows")]
    [TestCase(new[] { "latency_ms", "0123456789012345678901234567890123456789xyz" }, "c.csv:2: latency_ms: expected a number >= 0, got '0123456789012345678901234567890123456789...'")]
    public void LatencyTable_BadFile_ErrorNamesFileLineAndField(string[] lines, string expected)
    {
        Assert.That(LatencyTable.TryParse(lines, "c.csv", out var error), Is.Null);
        Assert.That(error, Does.StartWith(expected));
    }

    /// <summary>A binary file given as a table: its control characters are not written to the terminal.</summary>
    [Test]
    public void LatencyTable_BinaryHeader_ShownWithoutControlCharacters()
    {
        string header = (char)1 + "" + (char)27 + "[2J" + (char)7 + "binary";
        Assert.That(LatencyTable.TryParse([header], "c.csv", out var error), Is.Null);
        Assert.That(error, Does.EndWith("got '??[2J?binary'"));
    }

    [Test]
    public void PairFixed_SamePair_SameBaseBothWaysJitterWithinBound()
    {
        var spec = LatencySpec.Uniform(1_000, 10_000) with { PairFixed = true, JitterUs = 500 };
        var model = (PairFixedLatency)spec.Build(new Xoshiro256StarStar(24), pairSeed: 99);
        var again = (PairFixedLatency)spec.Build(new Xoshiro256StarStar(25), pairSeed: 99);
        for (int a = 0; a < 30; a++)
            for (int b = 0; b < 30; b++)
            {
                long baseUs = model.BaseUs(a, b);
                Assert.That(baseUs, Is.EqualTo(model.BaseUs(b, a)).And.EqualTo(again.BaseUs(a, b)));
                Assert.That(model.SampleUs(a, b) - baseUs, Is.InRange(0, 500));
            }
        var other = (PairFixedLatency)spec.Build(new Xoshiro256StarStar(24), pairSeed: 100);
        Assert.That(Enumerable.Range(1, 50).Count(b => other.BaseUs(0, b) != model.BaseUs(0, b)), Is.GreaterThan(45), "another seed, other bases");
    }

    [Test]
    public void PairFixed_BasesAcrossPairs_FollowTheInnerDistribution()
    {
        // 100,000 distinct pairs, each base a hashed uniform through the lognormal's inverse CDF:
        // the bases' quantiles follow the lognormal (DKW band as above); no per-pair memory.
        var inner = LatencySpec.Lognormal(2_000, 40_000);
        var model = (PairFixedLatency)(inner with { PairFixed = true }).Build(new Xoshiro256StarStar(26), pairSeed: 7);
        var reference = (LognormalLatency)inner.Build(new Xoshiro256StarStar(26));
        var bases = new long[N];
        for (int i = 0; i < N; i++) bases[i] = model.BaseUs(i / 400, 400 + i % 400);
        Array.Sort(bases);
        AssertQuantiles(bases, u => reference.QuantileUs(u), 0.1, 0.5, 0.9, 0.99);
    }

    [Test]
    public void PairFixed_WithoutJitter_DrawsNothingFromTheStream()
    {
        var stream = new Xoshiro256StarStar(27);
        var model = (LatencySpec.Constant(3_000) with { PairFixed = true }).Build(stream, 1);
        for (int i = 0; i < 10; i++) model.SampleUs(i, i + 1);
        Assert.That(stream.NextUInt64(), Is.EqualTo(new Xoshiro256StarStar(27).NextUInt64()));
    }
}
