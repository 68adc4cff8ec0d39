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
/// Under a protocol whose report values name the process by its start
/// (<see cref="Protocols.IProtocolSetup.ReportValuesNameProcessStarts"/>, Akka's uid), the mark
/// itself says which process it is about: it is late exactly when it names a process started
/// before the running one, whatever the observer reported in between (an Akka member marks an
/// old incarnation unreachable, then downed, after the new one has started but before it joins).
/// Registered after every tracker that asks (<see cref="IsLate"/>), so that they ask before the
/// report that is being judged is recorded.
/// Memory: a bit per node for each node that came back, until it stops again (none when values
/// name processes), and 8 bytes per node.
/// </remarks>
public sealed class LateDeathMarks(int nodeCount, bool valuesNameProcessStarts = false) : IMembershipTracker
{
    /// <summary>Per node that came back after stopping: the observers that have reported on it since; null otherwise.</summary>
    private readonly BitArray?[] _reportedSinceReturn = new BitArray?[nodeCount];

    /// <summary>Per node that came back after stopping, when its running process started; -1 otherwise.</summary>
    private readonly long[] _returnedAtUs = Enumerable.Repeat(-1L, nodeCount).ToArray();

    /// <summary>Per node, whether it has crashed or left: its next start is a return.</summary>
    private readonly bool[] _stoppedOnce = new bool[nodeCount];

    /// <summary>
    /// Whether a death mark of <paramref name="subject"/>, alive now, by <paramref name="observer"/>,
    /// carrying <paramref name="value"/>, is a late verdict on its stopped process.
    /// </summary>
    public bool IsLate(int observer, int subject, long value) =>
        _returnedAtUs[subject] >= 0 && (valuesNameProcessStarts ? value <= _returnedAtUs[subject] : !_reportedSinceReturn[subject]![observer]);

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        if (kind is ObservationKind.Suspected or ObservationKind.MarkedDead or ObservationKind.MarkedAlive or ObservationKind.Removed)
            _reportedSinceReturn[subject]?.Set(observer, true);
    }

    public void OnNodeStarted(int node, long nowUs)
    {
        if (!_stoppedOnce[node]) return;
        _returnedAtUs[node] = nowUs;
        if (!valuesNameProcessStarts) _reportedSinceReturn[node] = new BitArray(nodeCount);
    }

    /// <summary>The node crashed or left.</summary>
    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        _reportedSinceReturn[node] = null;
        _returnedAtUs[node] = -1;
        _stoppedOnce[node] = true;
    }
}
