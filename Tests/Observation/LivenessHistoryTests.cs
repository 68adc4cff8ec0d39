using GossipSim.Simulator.Observation;

namespace GossipSim.Tests.Observation;

/// <summary>
/// Which nodes were up throughout an interval: node 0 up from 0 s on; node 1 up from 0, crashed at
/// 10 s, back at 20 s; node 2 joined at 5 s; node 3 never started; node 4 stopped at 30 s and
/// restarted in the same microsecond.
/// </summary>
public class LivenessHistoryTests
{
    private const long S = 1_000_000;
    private LivenessHistory _history = null!;

    [SetUp]
    public void Build()
    {
        _history = new LivenessHistory(5);
        _history.OnStarted(0, 0);
        _history.OnStarted(1, 0);
        _history.OnStarted(4, 0);
        _history.OnStarted(2, 5 * S);
        _history.OnStopped(1, 10 * S);
        _history.OnStarted(1, 20 * S);
        _history.OnStopped(4, 30 * S);
        _history.OnStarted(4, 30 * S);
    }

    [TestCase(0, 1, 100, true)]
    [TestCase(1, 1, 9, true)]
    [TestCase(1, 1, 10, false)]
    [TestCase(1, 12, 15, false)]
    [TestCase(1, 20, 100, true)]
    [TestCase(2, 4, 6, false)]
    [TestCase(2, 5, 100, true)]
    [TestCase(3, 0, 1, false)]
    [TestCase(4, 1, 29, true)]
    [TestCase(4, 1, 30, false)]
    public void UpThroughout_FollowsEachNodesLives(int node, long fromS, long toS, bool expected) =>
        Assert.That(_history.UpThroughout(node, fromS * S, toS * S), Is.EqualTo(expected));

    [Test]
    public void UpThroughout_StopAndRestartInOneMicrosecond_IsNotUpFromThatMoment()
    {
        // The rule: a stop in the same microsecond as the node's latest start ends "up throughout",
        // whichever of the two was recorded first (a crash and a restart fault at one time).
        Assert.That(_history.UpThroughout(4, 30 * S, 40 * S), Is.False);
        Assert.That(_history.UpThroughout(4, 31 * S, 40 * S), Is.False);
    }

    [TestCase(0, 40)]
    [TestCase(1, 30)]
    [TestCase(2, 35)]
    [TestCase(3, 0)]
    [TestCase(4, 40)]
    public void UpUs_SumsEachNodesTimeUp(int node, long expectedS) =>
        Assert.That(_history.UpUs(node, 40 * S), Is.EqualTo(expectedS * S));

    [Test]
    public void MeanNodesUp_TimeUpOverTheSpan() =>
        Assert.That(_history.MeanNodesUp(40 * S), Is.EqualTo((40 + 30 + 35 + 0 + 40) / 40.0));
}
