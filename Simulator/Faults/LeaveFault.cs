namespace GossipSim.Simulator.Faults;

/// <summary>
/// Graceful leave of up nodes not leaving already: each protocol node may announce it
/// (<c>OnLeave</c>), then its process stops with status Left, or, for a protocol that hands its
/// leave over first or runs on after leaving (Cassandra's ring delay), when it exits
/// (<see cref="Engine.Simulation.LeaveNode"/>). YAML: <c>{at: 30s, leave: {count: 3}}</c>.
/// </summary>
public sealed record LeaveFault(long AtUs, FaultTargets Targets) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        foreach (int node in timeline.Pick(Targets, sim.IsUpAndNotLeaving)) sim.LeaveNode(node);
    }
}
