using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Random;
using MathNet.Numerics.Distributions;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Process stalls (GC pauses) of up nodes: nothing runs on them; arriving messages wait in a buffer
/// of <see cref="BufferCapacity"/> (the overflow is dropped) and are handled, with the timers that
/// came due, when the pause ends, in <see cref="Wake"/> order. Each target pauses for
/// <see cref="ForUs"/>, or for a length drawn uniformly in [ForUs, ForMaxUs] from the faults
/// stream; or until <see cref="UntilUs"/>. Two recurring forms run until the run ends or heals:
/// with <see cref="EveryUs"/>, a new wave of targets (drawn again among the up nodes) every EveryUs;
/// with <see cref="MeanIntervalUs"/>, each target pauses again and again on its own, the time from
/// the fault's start or from its last wake to its next pause exponential with that mean (a Poisson
/// process of pauses per node, drawn from the pauses stream of this fault's <see cref="Index"/> so
/// that it shifts no other fault's draws).
/// YAML: <c>{at: 10s, pause: {fraction: 0.01, buffer: 1024, every: 30s, wake: timers_first}, for: 2s, for_max: 8s}</c>,
/// <c>{at: 0s, pause: {fraction: 1, mean_interval: 10m}, for: 200ms, for_max: 2s}</c>.
/// </summary>
public sealed record PauseFault(long AtUs, FaultTargets Targets, long? ForUs = null, long? ForMaxUs = null,
    long? UntilUs = null, int BufferCapacity = 1024, long? EveryUs = null, WakeOrder Wake = WakeOrder.Arrival,
    long? MeanIntervalUs = null, int Index = 0) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var sim = timeline.Simulation;
        var targets = timeline.Pick(Targets, n => sim.Status[n] == NodeStatus.Up);
        if (MeanIntervalUs is long meanUs)
        {
            var stream = sim.Streams.For(StreamPurpose.Pauses, Index);
            var random = new StreamRandomSource(stream);
            foreach (int node in targets) PauseLater(timeline, node, meanUs, stream, random);
            return;
        }
        foreach (int node in targets)
        {
            sim.PauseNode(node, BufferCapacity, Wake);
            if (timeline.EndOf(Length(timeline.Stream), UntilUs) is long endUs) timeline.EndLater(endUs, () => sim.ResumeNode(node));
        }
        if (EveryUs is long every) timeline.Later(sim.NowUs + every, () => { if (!timeline.Healed) Apply(timeline); });
    }

    /// <summary>One pause's length: ForUs, or uniform in [ForUs, ForMaxUs].</summary>
    private long? Length(Xoshiro256StarStar stream) => ForMaxUs is long max ? stream.NextInclusive(ForUs!.Value, max) : ForUs;

    /// <summary>
    /// The node's next pause, an exponential wait from now. A node that is not up then (crashed, left,
    /// or paused by another fault) lets that pause go and waits for the next one.
    /// </summary>
    private void PauseLater(FaultTimeline timeline, int node, long meanUs, Xoshiro256StarStar stream, StreamRandomSource random)
    {
        var sim = timeline.Simulation;
        long waitUs = Math.Max(1, (long)Math.Round(Exponential.Sample(random, 1.0 / meanUs)));
        timeline.Later(sim.NowUs + waitUs, () =>
        {
            if (timeline.Healed) return;
            if (sim.Status[node] != NodeStatus.Up)
            {
                PauseLater(timeline, node, meanUs, stream, random);
                return;
            }
            sim.PauseNode(node, BufferCapacity, Wake);
            timeline.EndLater(sim.NowUs + Length(stream)!.Value, () =>
            {
                sim.ResumeNode(node);
                if (!timeline.Healed) PauseLater(timeline, node, meanUs, stream, random);
            });
        });
    }
}
