using GossipSim.Analysis;
using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Every death mark of a run, with the truth at that moment, so a reader can see who declared
/// whom and why (declarations.csv; off unless the scenario sets <c>record: {declarations:
/// true}</c>, as a log of a long run with false deaths is large). The state of each side is
/// its ground truth: crashed, left and paused from the lifecycle (left also for a node that has
/// left the membership while its process runs on, <paramref name="hasLeftMembership"/>);
/// partitioned when the link between observer and subject is cut either way; slow under a slow
/// fault; up otherwise. A declaration is false when its subject's process was still alive (up or
/// paused) and had not left the membership, which is the rule <c>fp_declarations</c> counts by,
/// unless it was a late verdict on a process that crashed or left before the subject came back
/// (<paramref name="lateMarks"/>): that subject's state reads <c>restarted</c> and the declaration
/// is not false.
/// </summary>
public sealed class DeclarationLog(NodeStatus[] truth, Func<int, bool> hasLeftMembership, Func<int, int, bool> reachable, Func<int, bool>? isSlow,
    LateDeathMarks? lateMarks) : IMembershipTracker
{
    public static readonly IReadOnlyList<string> Header = ["run_id", "t_s", "observer", "subject", "subject_state", "observer_state", "false"];

    private readonly List<(long TimeUs, int Observer, int Subject, string SubjectState, string ObserverState, bool False)> _marks = new();

    public int Count => _marks.Count;

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        if (kind != ObservationKind.MarkedDead || observer == subject) return;
        bool alive = truth[subject] is NodeStatus.Up or NodeStatus.Paused && !hasLeftMembership(subject);
        bool late = alive && lateMarks is not null && lateMarks.IsLate(observer, subject, value);
        _marks.Add((nowUs, observer, subject, late ? "restarted" : StateOf(subject, observer), StateOf(observer, subject), alive && !late));
    }

    public void OnNodeStarted(int node, long nowUs) { }

    public void OnNodeStopped(int node, long nowUs, NodeStatus why) { }

    public List<ResultRow> Rows(string runId) =>
        _marks.Select(m => new ResultRow()
            .Add("run_id", runId)
            .AddSeconds("t_s", m.TimeUs)
            .Add("observer", m.Observer)
            .Add("subject", m.Subject)
            .Add("subject_state", m.SubjectState)
            .Add("observer_state", m.ObserverState)
            .Add("false", m.False ? "true" : "false")).ToList();

    private string StateOf(int node, int other) => truth[node] switch
    {
        NodeStatus.Crashed => "crashed",
        NodeStatus.Left => "left",
        _ when hasLeftMembership(node) => "left",
        NodeStatus.Exited => "exited",
        NodeStatus.Paused => "paused",
        NodeStatus.Absent => "absent",
        _ when !reachable(node, other) || !reachable(other, node) => "partitioned",
        _ when isSlow is { } slow && slow(node) => "slow",
        _ => "up",
    };
}
