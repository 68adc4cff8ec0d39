using GossipSim.Simulator.Protocols.Swim;

namespace GossipSim.Tests.Swim;

/// <summary>memberlist's formulas against the values docs/references.md §1 derives for the LAN defaults.</summary>
public class SwimMathTests
{
    private const long S = 1_000_000;

    [TestCase(10, 4 * S, 24 * S)]
    [TestCase(100, 8 * S, 48 * S)]
    [TestCase(1000, 12 * S, 72 * S)]
    // Below 10 members the scale is held at 1.
    [TestCase(3, 4 * S, 24 * S)]
    [TestCase(1, 4 * S, 24 * S)]
    // log10 1200 = 3.0792 → truncated to 3.079: 4 · 3.079 s.
    [TestCase(1200, 12_316_000, 73_896_000)]
    public void SuspicionMinMax_LanDefaults_MatchReferenceTable(int n, long minUs, long maxUs)
    {
        long min = SwimMath.SuspicionMinUs(suspicionMult: 4, n, probeIntervalUs: S);
        Assert.That(min, Is.EqualTo(minUs));
        Assert.That(SwimMath.SuspicionMaxUs(6, min), Is.EqualTo(maxUs));
    }

    // LAN n=100, K = SuspicionMult − 2 = 2: 48 s, 48 − 40·ln2/ln3 = 22.7628 s (ms floor), then Min.
    [TestCase(0, 48_000_000)]
    [TestCase(1, 22_762_000)]
    [TestCase(2, 8_000_000)]
    public void SuspicionTimeout_Confirmations_FallsFromMaxToMin(int confirmations, long expectedUs)
    {
        Assert.That(SwimMath.SuspicionTimeoutUs(confirmations, k: 2, 8 * S, 48 * S), Is.EqualTo(expectedUs));
    }

    [Test]
    public void SuspicionTimeout_NoConfirmationsExpected_IsMin()
    {
        Assert.That(SwimMath.SuspicionTimeoutUs(0, k: 0, 4 * S, 24 * S), Is.EqualTo(4 * S));
    }

    [TestCase(4, 100, 2)]
    [TestCase(4, 4, 2)]
    // n − 2 < K: the cluster cannot supply the confirmations.
    [TestCase(4, 3, 0)]
    [TestCase(6, 5, 0)]
    [TestCase(3, 100, 1)]
    public void ExpectedConfirmations_ClusterSize_IsMultMinusTwoOrZero(int mult, int n, int k)
    {
        Assert.That(SwimMath.ExpectedConfirmations(mult, n), Is.EqualTo(k));
    }

    [TestCase(10, 8)]
    [TestCase(100, 12)]
    [TestCase(1000, 16)]
    [TestCase(9, 4)]
    [TestCase(1200, 16)]
    public void RetransmitLimit_LanMult4_MatchesReferenceTable(int n, int limit)
    {
        Assert.That(SwimMath.RetransmitLimit(4, n), Is.EqualTo(limit));
    }

    [TestCase(1, 1)]
    [TestCase(32, 1)]
    [TestCase(33, 2)]
    [TestCase(64, 2)]
    [TestCase(65, 3)]
    [TestCase(1000, 6)]
    [TestCase(1200, 7)]
    public void PushPullPeriod_ClusterSize_ScalesPerReference(int n, int multiple)
    {
        Assert.That(SwimMath.PushPullPeriodUs(30 * S, n), Is.EqualTo(multiple * 30 * S));
    }

    [TestCase(0, 1 * S)]
    [TestCase(3, 4 * S)]
    [TestCase(7, 8 * S)]
    public void ScaleByAwareness_Score_MultipliesByScorePlusOne(int score, long expectedUs)
    {
        Assert.That(SwimMath.ScaleByAwarenessUs(S, score), Is.EqualTo(expectedUs));
    }

    [TestCase(0, -1, 0)]
    [TestCase(6, 3, 7)]
    [TestCase(2, 3, 5)]
    [TestCase(7, -1, 6)]
    public void ApplyAwarenessDelta_Max8_ClampsToZeroAndSeven(int score, int delta, int expected)
    {
        Assert.That(SwimMath.ApplyAwarenessDelta(score, delta, awarenessMax: 8), Is.EqualTo(expected));
    }

    [TestCase(3, 0, 3)]
    [TestCase(3, 2, 1)]
    [TestCase(3, 3, 0)]
    [TestCase(0, 0, 1)]
    public void FailedProbeAwarenessDelta_MissingNacks_CountEach(int expected, int received, int delta)
    {
        Assert.That(SwimMath.FailedProbeAwarenessDelta(expected, received), Is.EqualTo(delta));
    }
}
