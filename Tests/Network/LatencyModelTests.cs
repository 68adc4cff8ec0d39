using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;
using MathNet.Numerics.Distributions;

namespace GossipSim.Tests.Network;

public class LatencyModelTests
{
    private const int Draws = 200_000;

    private static double[] Sample(LatencySpec spec, ulong seed = 3)
    {
        var model = spec.Build(new Xoshiro256StarStar(seed));
        var xs = new double[Draws];
        for (int i = 0; i < Draws; i++) xs[i] = model.SampleUs(0, 1);
        Array.Sort(xs);
        return xs;
    }

    /// <summary>
    /// The sample mean must lie within 4 standard errors of the true mean (CLT), and the
    /// empirical CDF at the true q-quantile within 4 binomial standard errors of q.
    /// Rounding to whole microseconds shifts values by at most 0.5 us, far inside these bands.
    /// </summary>
    private static void AssertMatches(double[] xs, double mean, double sd, (double Q, double Value)[] quantiles)
    {
        double sampleMean = xs.Average();
        Assert.That(sampleMean, Is.EqualTo(mean).Within(4 * sd / Math.Sqrt(xs.Length) + 0.5), "mean");
        foreach (var (q, value) in quantiles)
        {
            double below = (double)xs.Count(x => x <= value) / xs.Length;
            double band = 4 * Math.Sqrt(q * (1 - q) / xs.Length) + (double)xs.Count(x => Math.Abs(x - value) <= 0.5) / xs.Length;
            Assert.That(below, Is.EqualTo(q).Within(band), $"CDF at the {q} quantile");
        }
    }

    [Test]
    public void Constant_AlwaysTheValue() => Assert.That(Sample(LatencySpec.Constant(1234)).Distinct(), Is.EqualTo(new[] { 1234.0 }));

    [Test]
    public void Uniform_MeanAndQuantiles_WithinBand()
    {
        var xs = Sample(LatencySpec.Uniform(1000, 10000));
        Assert.That(xs[0], Is.GreaterThanOrEqualTo(1000));
        Assert.That(xs[^1], Is.LessThanOrEqualTo(10000));
        double sd = Math.Sqrt((Math.Pow(9001, 2) - 1) / 12);
        AssertMatches(xs, 5500, sd, [(0.1, 1900), (0.5, 5500), (0.9, 9100)]);
    }

    [Test]
    public void Normal_TruncatedAtFloor_MatchesTruncatedNormal()
    {
        var xs = Sample(LatencySpec.Normal(5000, 2000, 3000));
        Assert.That(xs[0], Is.GreaterThanOrEqualTo(3000));
        // Truncated normal with a = (3000-5000)/2000 = -1: mean = mu + sd * phi(a) / (1 - Phi(a)).
        double a = -1, z = 1 - Normal.CDF(0, 1, a);
        double mean = 5000 + 2000 * Normal.PDF(0, 1, a) / z;
        double variance = 2000.0 * 2000 * (1 + a * Normal.PDF(0, 1, a) / z - Math.Pow(Normal.PDF(0, 1, a) / z, 2));
        double Quantile(double q) => 5000 + 2000 * Normal.InvCDF(0, 1, Normal.CDF(0, 1, a) + q * z);
        AssertMatches(xs, mean, Math.Sqrt(variance), [(0.5, Quantile(0.5)), (0.9, Quantile(0.9))]);
    }

    [Test]
    public void Normal_FloorFiveSdAboveTheMean_MatchesTruncatedNormalNotThePointAtTheFloor()
    {
        // mean 1 ms, sd 1 ms, floor 6 ms: a = 5, P(X >= floor) = 2.9e-7, so the draws are the
        // normal's tail beyond 5 sd: mean = mu + sd phi(a) / (1 - Phi(a)) = 6.186 ms, sd 0.179 ms.
        var xs = Sample(LatencySpec.Normal(1000, 1000, 6000));
        Assert.That(xs[0], Is.GreaterThanOrEqualTo(6000));
        double a = 5, z = Normal.CDF(0, 1, -a), h = Normal.PDF(0, 1, a) / z;
        double mean = 1000 + 1000 * h;
        double variance = 1000.0 * 1000 * (1 + a * h - h * h);
        double Quantile(double q) => 1000 - 1000 * Normal.InvCDF(0, 1, (1 - q) * z);
        AssertMatches(xs, mean, Math.Sqrt(variance), [(0.5, Quantile(0.5)), (0.9, Quantile(0.9))]);
    }

    [Test]
    public void Lognormal_MedianAndP99_AsGiven()
    {
        var xs = Sample(LatencySpec.Lognormal(2000, 20000));
        double sigma = Math.Log(10) / LognormalLatency.Z99;
        double mean = 2000 * Math.Exp(sigma * sigma / 2);
        double sd = mean * Math.Sqrt(Math.Exp(sigma * sigma) - 1);
        AssertMatches(xs, mean, sd, [(0.5, 2000), (0.99, 20000)]);
    }

    [Test]
    public void Exponential_FloorPlusTail_MeanAndQuantiles()
    {
        var xs = Sample(LatencySpec.Exponential(1000, 4000));
        Assert.That(xs[0], Is.GreaterThanOrEqualTo(1000));
        AssertMatches(xs, 4000, 3000, [(0.5, 1000 + 3000 * Math.Log(2)), (0.9, 1000 + 3000 * Math.Log(10))]);
    }

    [Test]
    public void Loss_Bernoulli_RateWithinBinomialBand()
    {
        var network = new NetworkModel(new Xoshiro256StarStar(8), new ConstantLatency(1), 0.01);
        const int messages = 1_000_000;
        int lost = 0;
        for (int i = 0; i < messages; i++) if (!network.TryTransmit(0, 1, 0, out _)) lost++;
        double sd = Math.Sqrt(messages * 0.01 * 0.99);
        Assert.That(lost, Is.EqualTo(10_000).Within(4 * sd));
        Assert.That(network.MessagesLost, Is.EqualTo(lost));
    }
}
