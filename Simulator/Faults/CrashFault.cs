using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Crash-stop of the target nodes (drawn among up nodes, paused ones included: a stalled process
/// can still be killed): their processes and state are gone.
/// With <see cref="ForUs"/> (or <see cref="UntilUs"/>) they restart with fresh state then, or at heal_at.
/// YAML: <c>{at: 20s, crash: {count: 12}, for: 30s}</c>.
/// </summary>
public sealed record CrashFault(long AtUs, FaultTargets Targets, long? ForUs = null, long? UntilUs = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        int[] victims = timeline.Pick(Targets, node => sim.Status[node] is NodeStatus.Up or NodeStatus.Paused);
        foreach (int node in victims) sim.StopNode(node, NodeStatus.Crashed);
        if (timeline.EndOf(ForUs, UntilUs) is long endUs) timeline.RestartLater(endUs, victims);
    }
}
