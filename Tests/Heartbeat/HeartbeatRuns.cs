using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Heartbeat;

/// <summary>Run setups of the heartbeat family for tests, without a scenario file.</summary>
public static class HeartbeatRuns
{
    public const long IntervalUs = 1_000_000;

    /// <summary>Cassandra's settings (docs/references.md §2): 1 s rounds, 1 live target plus the extras, digest exchange, exponential phi 8.</summary>
    public static RunSetup Cassandra(int nodes, long durationUs, ulong seed, IReadOnlyList<FaultSpec>? faults = null, double loss = 0) =>
        new RunSetup(
            Scenario: "heartbeat",
            PointIndex: 0,
            Parameters: [],
            Seed: seed,
            Nodes: nodes,
            DurationUs: durationUs,
            Latency: LatencySpec.Uniform(1_000, 10_000),
            Loss: loss,
            Protocol: new HeartbeatConfig(nodes, IntervalUs, Fanout: 1, HeartbeatExchange.Digest,
                FailureDetectorSettings.Cassandra(), Seeds: [0, 1, 2], HeartbeatSizes.Defaults()),
            Updates: null)
        {
            Faults = faults ?? [],
            SampleEveryUs = 5_000_000,
        };
}
