using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Process stalls (GC pauses) of up nodes: nothing runs on them; arriving messages wait in a buffer
/// of <see cref="BufferCapacity"/> (the overflow is dropped) and are handled, with the timers that
/// came due, when the pause ends, in <see cref="Wake"/> order. Each target pauses for
/// <see cref="ForUs"/>, or for a length drawn uniformly in [ForUs, ForMaxUs] from the faults
/// stream; or until <see cref="UntilUs"/>. With <see cref="EveryUs"/> it is a recurring process:
/// a new wave of targets (drawn again among the up nodes) every EveryUs until the run ends or heals.
/// YAML: <c>{at: 10s, pause: {fraction: 0.01, buffer: 1024, every: 30s, wake: timers_first}, for: 2s, for_max: 8s}</c>.
/// </summary>
public sealed record PauseFault(long AtUs, FaultTargets Targets, long? ForUs = null, long? ForMaxUs = null,
    long? UntilUs = null, int BufferCapacity = 1024, long? EveryUs = null, WakeOrder Wake = WakeOrder.Arrival) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        foreach (int node in timeline.Pick(Targets, n => sim.Status[n] == NodeStatus.Up))
        {
            sim.PauseNode(node, BufferCapacity, Wake);
            long? forUs = ForMaxUs is long max ? timeline.Stream.NextInclusive(ForUs!.Value, max) : ForUs;
            if (timeline.EndOf(forUs, UntilUs) is long endUs) timeline.EndLater(endUs, () => sim.ResumeNode(node));
        }
        if (EveryUs is long every) timeline.Later(sim.NowUs + every, () => { if (!timeline.Healed) Apply(timeline); });
    }
}
