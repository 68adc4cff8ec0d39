using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Rumor;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Support;

/// <summary>Builds run setups of the rumor family for tests, without a scenario file.</summary>
public static class RumorRuns
{
    public const long IntervalUs = 100_000;
    public const long LatencyUs = 1_000;
    /// <summary>The single update is written halfway between two aligned ticks.</summary>
    public const long UpdateAtUs = 50_000;

    /// <summary>Synchronous rounds: aligned timers, constant latency far below the interval, no loss.</summary>
    public static RunSetup Rounds(int nodes, Direction direction, ulong seed, long durationUs = 10_000_000,
        SpreadMode mode = SpreadMode.AntiEntropy, StopRule stop = StopRule.None, int k = 1, bool feedback = true, int fanout = 1) => new(
        Scenario: "theory",
        PointIndex: 0,
        Parameters: [],
        Seed: seed,
        Nodes: nodes,
        DurationUs: durationUs,
        Latency: LatencySpec.Constant(LatencyUs),
        Loss: 0,
        Protocol: new RumorConfig(nodes, direction, mode, fanout, IntervalUs, stop, k, feedback, AlignedPhase: true, RumorSizes.Defaults()),
        Updates: new UpdatePlan([UpdateAtUs], 0, 0, Origin: 0));

    /// <summary>The round in which the last observer learned the update (round r's tick is at r times the interval).</summary>
    public static int RoundsToAll(RunSetup setup)
    {
        var e = RunExecutor.Execute(setup, timing: false).Events.Single();
        Assert.That(e.Converged, $"seed {setup.Seed}: update did not reach every node");
        long lastLearnUs = e.T100Us!.Value + UpdateAtUs;
        // Learning happens one hop (a push) or two (a request and its reply) after a tick.
        Assert.That(lastLearnUs % IntervalUs, Is.EqualTo(LatencyUs).Or.EqualTo(2 * LatencyUs));
        return (int)(lastLearnUs / IntervalUs);
    }
}
