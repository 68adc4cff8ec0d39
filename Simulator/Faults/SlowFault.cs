using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Slow nodes (CPU starvation, swapping, a noisy neighbour): each target handles arriving messages
/// one at a time, each taking <see cref="HandlingUs"/> x <see cref="Factor"/> (a healthy node's
/// handling time is not modelled, i.e. taken as negligible; <c>handling</c> is what one message would
/// cost it, so the factor says how much slower the target is). Messages wait their turn in a FIFO of
/// <see cref="BufferCapacity"/> (overflow dropped, <c>slow_drops</c>); timers fire on time. See
/// <see cref="Simulation.SlowNode"/>. This is the failure Lifeguard targets (Dadgar et al. 2018, §5 of
/// docs/references.md): a slow member misses ack deadlines and accuses healthy peers.
/// YAML: <c>{at: 10s, slow: {fraction: 0.01, factor: 50, handling: 1ms}, for: 60s}</c>.
/// </summary>
public sealed record SlowFault(long AtUs, FaultTargets Targets, double Factor, long HandlingUs = 1_000, int BufferCapacity = 1024,
    long? ForUs = null, long? UntilUs = null) : FaultSpec(AtUs)
{
    public long ServiceUs => (long)Math.Round(HandlingUs * Factor);

    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        int[] nodes = timeline.Pick(Targets, n => sim.Status[n] is NodeStatus.Up or NodeStatus.Paused);
        foreach (int node in nodes) sim.SlowNode(node, ServiceUs, BufferCapacity);
        if (timeline.EndOf(ForUs, UntilUs) is long endUs)
            timeline.EndLater(endUs, () => { foreach (int node in nodes) sim.UnslowNode(node, ServiceUs, BufferCapacity); });
    }
}
