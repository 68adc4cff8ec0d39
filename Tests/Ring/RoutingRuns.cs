using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Ring;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Ring;

/// <summary>Run setups with a ring and a request workload, for the routing tests.</summary>
internal static class RoutingRuns
{
    public const long S = 1_000_000;

    public static IProtocolSetup Protocol(string kind, int nodes, int? initialNodes = null) => kind == "swim"
        ? PresetConfigs.MemberlistLan(nodes) with { InitialMembers = initialNodes ?? nodes }
        : new HeartbeatConfig(nodes, S, Fanout: 1, HeartbeatExchange.Digest, FailureDetectorSettings.Cassandra(), Seeds: [0, 1, 2], HeartbeatSizes.Defaults());

    public static RunSetup Setup(string kind, int nodes, long durationUs, IReadOnlyList<FaultSpec> faults, int? initialNodes = null,
        ulong seed = 1, int vnodes = 32, long workloadStartUs = 20 * S) =>
        new RunSetup("routing", 0, [], seed, nodes, durationUs, LatencySpec.Uniform(1_000, 10_000), 0, Protocol(kind, nodes, initialNodes), null)
        {
            Faults = faults,
            InitialNodes = initialNodes,
            SampleEveryUs = S,
            Ring = new RingSettings(vnodes, 3, RingPlacement.Simple, null),
            Requests = new RequestPlan(1000, workloadStartUs, null, 100_000, 1000),
        };

    /// <summary>Requests of one outcome per sample (the period before t_s), by sample time.</summary>
    public static List<(long TimeUs, RequestCounts Counts)> Series(RunOutcome outcome) =>
        outcome.Samples.Where(s => s.Requests is not null).Select(s => (s.TimeUs, s.Requests!.Value)).ToList();
}
