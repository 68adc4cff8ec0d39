using System.Collections;
using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Tells a late verdict on a stopped process from a false death. A node that crashes or leaves
/// and comes back before every observer has marked it dead is up again when the slower observers
/// reach their verdict, yet that verdict is about the process that stopped: the failure detector
/// is right, late, and no live process was declared dead. Under churn nearly every death mark of
/// a live node is of this kind (docs/measurements.md, "Late death marks").
/// </summary>
/// <remarks>
/// A death mark of a node that came back is late when the observer has said nothing about that
/// node since it came back: its verdict then rests on what it knew of the stopped process (its
/// suspicion, or the silence its detector measured). Any report about the node after its return
/// (alive, suspect, dead) means the observer has taken up the new process, and a death mark after
/// that is a false death. Nothing here reads a protocol's state, so an observer that takes up the
/// new process without a report (memberlist raising the incarnation of a member it holds alive;
/// the heartbeat family reports a new generation) and then marks it dead counts as late.
/// Registered after every tracker that asks (<see cref="IsLate"/>), so that they ask before the
/// report that is being judged is recorded.
/// Memory: a bit per node for each node that came back, until it stops again.
/// </remarks>
public sealed class LateDeathMarks(int nodeCount) : IMembershipTracker
{
    /// <summary>Per node that came back after stopping: the observers that have reported on it since; null otherwise.</summary>
    private readonly BitArray?[] _reportedSinceReturn = new BitArray?[nodeCount];

    /// <summary>Per node, whether it has crashed or left: its next start is a return.</summary>
    private readonly bool[] _stoppedOnce = new bool[nodeCount];

    /// <summary>Whether a death mark of <paramref name="subject"/>, alive now, by <paramref name="observer"/> is a late verdict on its stopped process.</summary>
    public bool IsLate(int observer, int subject) => _reportedSinceReturn[subject] is { } reported && !reported[observer];

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        if (kind is ObservationKind.Suspected or ObservationKind.MarkedDead or ObservationKind.MarkedAlive or ObservationKind.Removed)
            _reportedSinceReturn[subject]?.Set(observer, true);
    }

    public void OnNodeStarted(int node, long nowUs)
    {
        if (_stoppedOnce[node]) _reportedSinceReturn[node] = new BitArray(nodeCount);
    }

    /// <summary>The node crashed or left.</summary>
    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        _reportedSinceReturn[node] = null;
        _stoppedOnce[node] = true;
    }
}
