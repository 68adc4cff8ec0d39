using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// New nodes: targets drawn among nodes not started yet (ids at or above YAML <c>initial_nodes</c>)
/// start now and join through the protocol's own means (seeds). YAML: <c>{at: 30s, join: {count: 10}}</c>.
/// </summary>
public sealed record JoinFault(long AtUs, FaultTargets Targets) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        foreach (int node in timeline.Pick(Targets, n => sim.Status[n] == NodeStatus.Absent)) timeline.StartNode(node);
    }
}
