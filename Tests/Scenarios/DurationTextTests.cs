using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

public class DurationTextTests
{
    [TestCase("0", 0L)]
    [TestCase("500us", 500L)]
    [TestCase("1ms", 1_000L)]
    [TestCase("200ms", 200_000L)]
    [TestCase("1.5ms", 1_500L)]
    [TestCase("1s", 1_000_000L)]
    [TestCase("1.5s", 1_500_000L)]
    [TestCase("0.1s", 100_000L)]
    [TestCase("10m", 600_000_000L)]
    [TestCase("2h", 7_200_000_000L)]
    [TestCase("0.000001s", 1L)]
    public void TryParse_ValidText_ExactMicroseconds(string text, long expected)
    {
        Assert.That(DurationText.TryParse(text, out var us), Is.True);
        Assert.That(us, Is.EqualTo(expected));
    }

    [TestCase("200")]          // bare number: unit required
    [TestCase("1.5")]
    [TestCase("0.5us")]        // sub-microsecond
    [TestCase("1.0000001s")]
    [TestCase("-1s")]
    [TestCase("1 s s")]
    [TestCase("s")]
    [TestCase(".5s")]
    [TestCase("1e3ms")]
    [TestCase("10d")]
    [TestCase("")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False);
    }

    [TestCase(0L, "0")]
    [TestCase(500L, "500us")]
    [TestCase(1_500L, "1.5ms")]
    [TestCase(200_000L, "200ms")]
    [TestCase(1_000_000L, "1s")]
    [TestCase(1_500_000L, "1.5s")]
    [TestCase(90_000_000L, "90s")]
    [TestCase(600_000_000L, "10m")]
    [TestCase(7_200_000_000L, "2h")]
    [TestCase(1_000_001L, "1.000001s")]
    public void Format_Microseconds_ShortestExactText(long us, string expected)
    {
        Assert.That(DurationText.Format(us), Is.EqualTo(expected));
    }

    [TestCase(1L)]
    [TestCase(999L)]
    [TestCase(123_456_789L)]
    [TestCase(3_600_000_001L)]
    [TestCase(86_400_000_000L)]
    public void Format_AnyValue_ParsesBackToSameValue(long us)
    {
        Assert.That(DurationText.TryParse(DurationText.Format(us), out var back), Is.True);
        Assert.That(back, Is.EqualTo(us));
    }
}
