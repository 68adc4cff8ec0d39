namespace GossipSim.Simulator.Faults;

/// <summary>
/// Worse links for the targets: each message to or from a target is also lost with
/// <see cref="Loss"/> (per degraded end, independently) and delayed by <see cref="ExtraLatencyUs"/>
/// per degraded end, on top of the base network. YAML:
/// <c>{at: 10s, degrade: {zone: eu, loss: 0.05, latency: 40ms}, for: 30s}</c>.
/// </summary>
public sealed record DegradeFault(long AtUs, FaultTargets Targets, double Loss, long ExtraLatencyUs,
    long? ForUs = null, long? UntilUs = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var links = timeline.Links;
        object degraded = links.Degrade(timeline.Pick(Targets, _ => true), Loss, ExtraLatencyUs);
        if (timeline.EndOf(ForUs, UntilUs) is long endUs) timeline.EndLater(endUs, () => links.Remove(degraded));
    }
}
