using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Restart of crashed nodes, and of nodes that stopped themselves, with fresh state (a new protocol node, which takes a new generation or
/// incarnation from the clock). Targets are drawn among those nodes; null targets = all of them.
/// YAML: <c>{at: 60s, restart: {count: 6}}</c> or <c>{at: 60s, restart: all}</c>.
/// </summary>
public sealed record RestartFault(long AtUs, FaultTargets? Targets = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        // An operator restarts a process that stopped itself (an Akka member that was downed) as one that crashed.
        bool Stopped(int node) => sim.Status[node] is NodeStatus.Crashed or NodeStatus.Exited;
        int[] nodes = Targets is null
            ? Enumerable.Range(0, sim.NodeCount).Where(Stopped).ToArray()
            : timeline.Pick(Targets, Stopped);
        foreach (int node in nodes) timeline.StartNode(node);
    }
}
