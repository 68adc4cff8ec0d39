using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Cuts the targets (drawn among all nodes, whatever their state) off from every other node:
/// both ways, or one way (<see cref="LinkDirection.Out"/>: the group's messages to the rest are
/// lost; <see cref="LinkDirection.In"/>: the rest's messages to the group are lost). The group
/// still talks inside itself; several partitions compose into more groups. Heals after
/// <see cref="ForUs"/> or at <see cref="UntilUs"/> (or at heal_at).
/// YAML: <c>{at: 10s, partition: {fraction: 0.2, direction: both}, until: 40s}</c>.
/// </summary>
public sealed record PartitionFault(long AtUs, FaultTargets Targets, LinkDirection Direction = LinkDirection.Both,
    long? ForUs = null, long? UntilUs = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var links = timeline.Links;
        object cut = links.Partition(timeline.Pick(Targets, _ => true), Direction);
        if (timeline.EndOf(ForUs, UntilUs) is long endUs) timeline.EndLater(endUs, () => links.Remove(cut));
    }
}
