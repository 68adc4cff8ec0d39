using GossipSim.Simulator.Protocols;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// A token move (Cassandra's nodetool move, generalised to vnodes): each target (among up nodes not leaving)
/// takes freshly drawn tokens at the next version, and its protocol announces them. Needs a
/// <c>ring:</c> section. YAML: <c>{at: 30s, move: {count: 1}}</c>.
/// </summary>
public sealed record MoveFault(long AtUs, FaultTargets Targets) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        var ring = sim.Observations.Ring ?? throw new InvalidOperationException("a move fault needs a ring: section");
        // A leaving node takes no new tokens: one that has left the ring (Cassandra's decommission)
        // would otherwise be put back in it.
        foreach (int node in timeline.Pick(Targets, sim.IsUpAndNotLeaving))
        {
            var set = ring.Registry.Move(node);
            ring.OnMoved(node, set, sim.NowUs);
            if (sim.NodeAt(node) is IRingCarrier carrier) carrier.OnTokensMoved();
        }
    }
}
