using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// After heal_at: the first time every up observer's view matches the truth about every subject
/// (view accuracy exactly 1). Accuracy changes only at emissions and lifecycle changes, so checking
/// after each of them (this tracker is registered after the view tracker) finds the first instant.
/// </summary>
public sealed class ReconvergenceWatch(MembershipViewTracker views, long healUs) : IMembershipTracker
{
    public long HealUs { get; } = healUs;

    /// <summary>Time from heal to full accuracy; null while not reached.</summary>
    public long? DelayUs { get; private set; }

    /// <summary>Called once at heal time: the views may already be right.</summary>
    public void Check(long nowUs)
    {
        if (DelayUs is null && views.IsAccurate) DelayUs = nowUs - HealUs;
    }

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value) => Check(nowUs);

    public void OnNodeStarted(int node, long nowUs) => Check(nowUs);

    public void OnNodeStopped(int node, long nowUs, NodeStatus why) => Check(nowUs);

    public void OnNodePaused(int node, long nowUs) => Check(nowUs);

    public void OnNodeResumed(int node, long nowUs) => Check(nowUs);
}
