using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Tests.Heartbeat;

public class PhiAccrualTests
{
    /// <summary>
    /// Akka's logistic approximation by hand: y = (Δ−μ)/σ, e = exp(−y(1.5976 + 0.070566 y²)),
    /// φ = −log10(e/(1+e)) above the mean, −log10(1 − 1/(1+e)) at or below it. At y = 0, e = 1 and
    /// φ = −log10(1/2); at y = 1 and 2 the values sit within 0.001 of −log10(1 − Φ(y)) = 0.7995, 1.6430.
    /// </summary>
    [TestCase(1000, 1000, 100, 0.30103)]
    [TestCase(1100, 1000, 100, 0.79951)]
    [TestCase(1200, 1000, 100, 1.64283)]
    [TestCase(900, 1000, 100, 0.07503)]
    [TestCase(1500, 1000, 100, 7.29995)]
    [TestCase(1523, 1000, 100, 8.01287)]
    public void PhiNormal_HandComputedPoints_Match(double deltaMs, double meanMs, double sdMs, double expected) =>
        Assert.That(PhiAccrual.PhiNormal(deltaMs, meanMs, sdMs), Is.EqualTo(expected).Within(1e-5));

    [Test]
    public void PhiNormal_AtTheMean_IsMinusLog10OfHalf() =>
        Assert.That(PhiAccrual.PhiNormal(4321, 4321, 250), Is.EqualTo(-Math.Log10(0.5)).Within(1e-12));

    [TestCase(0, 1000, 0.0)]
    [TestCase(1000, 1000, 1.0)]
    [TestCase(18420, 1000, 18.42)]
    [TestCase(3000, 1500, 2.0)]
    public void PhiExponential_IsSilenceOverMean(double deltaMs, double meanMs, double expected) =>
        Assert.That(PhiAccrual.PhiExponential(deltaMs, meanMs), Is.EqualTo(expected).Within(1e-12));

    /// <summary>Cassandra convicts when φ / ln 10 &gt; 8, that is after 8 ln 10 ≈ 18.4207 mean intervals of silence.</summary>
    [TestCase(18.42, false)]
    [TestCase(18.4206, false)]
    [TestCase(18.4208, true)]
    [TestCase(25.0, true)]
    public void ExponentialConvicts_Threshold8_FlipsAt8Ln10(double phi, bool convicts) =>
        Assert.That(PhiAccrual.ExponentialConvicts(phi, 8.0), Is.EqualTo(convicts));

    [TestCase(1000, 8, 18420.680743952367)]
    [TestCase(1000, 5, 11512.925464970229)]
    [TestCase(1200, 8, 22104.81689274284)]
    public void ExponentialConvictionSilence_IsThresholdLn10Mean(double meanMs, double threshold, double expectedMs) =>
        Assert.That(PhiAccrual.ExponentialConvictionSilenceMs(meanMs, threshold), Is.EqualTo(expectedMs).Within(1e-6));
}
