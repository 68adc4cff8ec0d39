using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols.Rumor;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Workload bw1, the one the peer baselines of Benchmarks/peers also run, expressed as an ordinary run setup: push
/// anti-entropy of node 0's version counter, fanout 3, 200 ms ticks at random phases, 1% loss,
/// uniform 1-10 ms latency, one update a second from node 0.
/// </summary>
public static class Bw1Workload
{
    public const int Fanout = 3;

    /// <summary>
    /// A run's peak memory, with room to spare: the runtime, and per node its state, its share of
    /// the event queue and of the messages in flight (about 700 B a node measured at 100,000 and
    /// 1,000,000 nodes).
    /// </summary>
    public static double EstimatedBytes(int nodes) => RunCost.RuntimeBaseBytes + 1_000.0 * nodes;

    public static RunSetup Setup(int nodes, long durationUs, ulong seed) => new(
        Scenario: "bw1",
        PointIndex: 0,
        Parameters: [],
        Seed: seed,
        Nodes: nodes,
        DurationUs: durationUs,
        Latency: LatencySpec.Uniform(1_000, 10_000),
        Loss: 0.01,
        Protocol: new RumorConfig(nodes, Direction.Push, SpreadMode.AntiEntropy, Fanout, 200_000,
            StopRule.None, 1, Feedback: false, AlignedPhase: false, RumorSizes.Defaults()),
        Updates: new UpdatePlan(null, EveryUs: 1_000_000, StartUs: 1_000_000, Origin: 0));
}
