using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>A tracker of membership beliefs (suspicions, deaths, joins) and the true node lifecycle.</summary>
public interface IMembershipTracker
{
    void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value);

    void OnNodeStarted(int node, long nowUs);

    void OnNodeStopped(int node, long nowUs, NodeStatus why);
}
