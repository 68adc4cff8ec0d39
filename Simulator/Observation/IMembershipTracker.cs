using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>A tracker of membership beliefs (suspicions, deaths, joins) and the true node lifecycle.</summary>
public interface IMembershipTracker
{
    void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value);

    void OnNodeStarted(int node, long nowUs);

    void OnNodeStopped(int node, long nowUs, NodeStatus why);

    /// <summary>The node's process stalls (it keeps its state); most trackers need not care.</summary>
    void OnNodePaused(int node, long nowUs) { }

    /// <summary>The stalled process runs again, with the state it had.</summary>
    void OnNodeResumed(int node, long nowUs) { }

    /// <summary>
    /// The node has left the membership now (Cassandra's decommission setting STATUS LEFT), while its
    /// process runs on until it stops by itself: from now on it is gone for every belief about it, and
    /// its stop then ends only the process (<see cref="Protocols.LeaveProgress.LeftRunningOn"/>).
    /// </summary>
    void OnNodeLeftMembership(int node, long nowUs) { }
}
