using GossipSim.Scenarios;
using GossipSim.Simulator.Tuning;

namespace GossipSim.Tests.Tuning;

/// <summary>--param parsing: the levels each form gives, and a clear problem for each malformed one.</summary>
public class TuneParameterTests
{
    [Test]
    public void WholeRange_KeepsEveryInteger()
    {
        var p = TuneParameter.Parse("protocol.fanout=1..6", 9, out _)!;
        Assert.That(p.Levels, Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6" }));
        Assert.That(p.LogScale, Is.False);
    }

    [Test]
    public void DurationRange_OverAFactorOfTen_IsLogSpaced()
    {
        var p = TuneParameter.Parse("protocol.interval=50ms..2s", 9, out _)!;
        Assert.That(p.LogScale, Is.True);
        Assert.That(p.Levels, Has.Count.EqualTo(9));
        Assert.That(p.Levels[0], Is.EqualTo("50ms"));
        Assert.That(p.Levels[^1], Is.EqualTo("2s"));
        // Log spacing: successive ratios are all (2 s / 50 ms)^(1/8) ~ 1.59, within rounding to two digits.
        var us = p.Levels.Select(l => DurationText.TryParse(l, out long v) ? (double)v : double.NaN).ToList();
        var ratios = us.Zip(us.Skip(1), (a, b) => b / a).ToList();
        Assert.That(ratios, Has.All.InRange(1.45, 1.75));
    }

    /// <summary>A duration range from 0 starts at 0, as written: the key's own rules then say whether 0 is allowed, instead of the range quietly starting at 1us.</summary>
    [Test]
    public void DurationRange_FromZero_StartsAtZero()
    {
        var p = TuneParameter.Parse("faults[0].at=0s..1s", 3, out _)!;
        Assert.That(p.Levels, Is.EqualTo(new[] { "0", "500ms", "1s" }));
    }

    [Test]
    public void NumberRange_WithinAFactorOfTen_IsLinear()
    {
        var p = TuneParameter.Parse("protocol.detector.threshold=0.5..4.5", 5, out _)!;
        Assert.That(p.LogScale, Is.False);
        Assert.That(p.Levels, Is.EqualTo(new[] { "0.5", "1.5", "2.5", "3.5", "4.5" }));
    }

    [Test]
    public void List_IsTakenAsWritten()
    {
        var p = TuneParameter.Parse("protocol.probe_interval=250ms, 500ms, 1s", 9, out _)!;
        Assert.That(p.Levels, Is.EqualTo(new[] { "250ms", "500ms", "1s" }));
    }

    [TestCase("protocol.fanout", "expected PATH=LOW..HIGH")]
    [TestCase("protocol.fanout=3", "is one value, not a search space")]
    [TestCase("protocol.fanout=6..1", "the range 6..1 is empty")]
    [TestCase("protocol.interval=1s..10", "is not a range of whole numbers")]
    [TestCase("protocol..fanout=1..3", "is not a key path")]
    [TestCase("seeds=1..5", "'seeds' cannot be searched")]
    [TestCase("protocol.kind=push,push", "appears twice")]
    public void Malformed_SaysWhy(string text, string problem)
    {
        Assert.That(TuneParameter.Parse(text, 9, out string? why), Is.Null);
        Assert.That(why, Does.Contain(problem));
    }
}
