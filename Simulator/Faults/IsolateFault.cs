namespace GossipSim.Simulator.Faults;

/// <summary>
/// Every link of each target fails together, both ways, including links between two targets (a
/// dead NIC or a firewall gone wrong): the process runs on, unreachable.
/// YAML: <c>{at: 10s, isolate: {ids: [7]}, for: 30s}</c>.
/// </summary>
public sealed record IsolateFault(long AtUs, FaultTargets Targets, long? ForUs = null, long? UntilUs = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var links = timeline.Links;
        object isolation = links.Isolate(timeline.Pick(Targets, _ => true));
        if (timeline.EndOf(ForUs, UntilUs) is long endUs) timeline.EndLater(endUs, () => links.Remove(isolation));
    }
}
