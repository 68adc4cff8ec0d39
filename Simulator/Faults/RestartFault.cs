using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Restart of crashed nodes with fresh state (a new protocol node, which takes a new generation or
/// incarnation from the clock). Targets are drawn among crashed nodes; null targets = all of them.
/// YAML: <c>{at: 60s, restart: {count: 6}}</c> or <c>{at: 60s, restart: all}</c>.
/// </summary>
public sealed record RestartFault(long AtUs, FaultTargets? Targets = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        bool Crashed(int node) => sim.Status[node] == NodeStatus.Crashed;
        int[] nodes = Targets is null
            ? Enumerable.Range(0, sim.NodeCount).Where(Crashed).ToArray()
            : timeline.Pick(Targets, Crashed);
        foreach (int node in nodes) timeline.StartNode(node);
    }
}
