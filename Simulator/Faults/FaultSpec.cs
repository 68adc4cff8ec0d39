namespace GossipSim.Simulator.Faults;

/// <summary>
/// One fault on the timeline, at <see cref="AtUs"/>. Each kind (crash, restart; later pause,
/// partition, leave, join, churn) is its own record that knows how to apply itself through the
/// <see cref="FaultTimeline"/>, so a new kind is one new file.
/// </summary>
public abstract record FaultSpec(long AtUs)
{
    public abstract void Apply(FaultTimeline timeline);
}
