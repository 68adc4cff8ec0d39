using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Tests.Heartbeat;

public class TimeoutDetectorTests
{
    [TestCase(2_499_999, false, false)]
    [TestCase(2_500_000, true, false)]
    [TestCase(4_999_999, true, false)]
    [TestCase(5_000_000, true, true)]
    public void Verdict_TFail5s_SuspectAtHalfFailedAtTFail(long silenceUs, bool suspect, bool failed)
    {
        Assert.That(TimeoutDetector.IsSuspect(silenceUs, 5_000_000), Is.EqualTo(suspect));
        Assert.That(TimeoutDetector.IsFailed(silenceUs, 5_000_000), Is.EqualTo(failed));
    }

    [TestCase(9_999_999, false)]
    [TestCase(10_000_000, true)]
    public void IsRemovable_TCleanup10s_AtCleanup(long silenceUs, bool removable) =>
        Assert.That(TimeoutDetector.IsRemovable(silenceUs, 10_000_000), Is.EqualTo(removable));

    [Test]
    public void FailureSilenceBounds_CheckedPerRound_SpanOneInterval() =>
        Assert.That(TimeoutDetector.FailureSilenceBounds(5_000_000, 1_000_000), Is.EqualTo((5_000_000L, 6_000_000L)));
}

