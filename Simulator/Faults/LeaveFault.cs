namespace GossipSim.Simulator.Faults;

/// <summary>
/// Graceful leave of up nodes not leaving already: each protocol node may announce it
/// (<c>OnLeave</c>), then its process stops with status Left, or, for a protocol that hands its
/// leave over first, when it exits. YAML: <c>{at: 30s, leave: {count: 3}}</c>.
/// </summary>
public sealed record LeaveFault(long AtUs, FaultTargets Targets) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        foreach (int node in timeline.Pick(Targets, sim.CanDepart)) sim.LeaveNode(node);
    }
}
