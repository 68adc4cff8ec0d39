using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Cluster events from the true node lifecycle, and when each observer's own view reflected them
/// (ARCHITECTURE.md, "Cluster event"): crash (knows = marked dead or removed; a suspicion is not
/// enough), join (a start after t = 0; knows = marked alive), leave (t0 = the process's stop with
/// status Left, or the instant the node left the membership if its process ran on after that, as a
/// Cassandra decommission gossips for its ring delay; knows = marked dead or removed), restart
/// (knows = marked alive with a value, the generation or incarnation, greater
/// than any value emitted about the subject before the restart). An event stays open until the
/// subject's next lifecycle event: later emissions are about the new life. Observers are
/// decided at the end by <see cref="LivenessHistory"/>, as for updates.
/// Memory: 8 bytes per node per event, plus 8 bytes per node.
/// </summary>
public sealed class ClusterEventTracker : IMembershipTracker
{
    private readonly int _nodeCount;
    private readonly LivenessHistory _liveness;
    private readonly MembershipViewTracker? _views;
    private readonly bool[] _everStarted;
    /// <summary>The subject's open event, -1 for none.</summary>
    private readonly int[] _openEvent;
    /// <summary>Largest value emitted about each subject: a restart is known once a larger one is marked alive.</summary>
    private readonly long[] _maxValueSeen;
    private readonly List<EventRecord> _events = new();

    /// <param name="nodeCount">Node ids of the run.</param>
    /// <param name="liveness">Ground truth of who was up when, which decides the observers.</param>
    /// <param name="views">When given, an observer that already holds the subject dead when it crashes or leaves knows it at t0.</param>
    public ClusterEventTracker(int nodeCount, LivenessHistory liveness, MembershipViewTracker? views = null)
    {
        _nodeCount = nodeCount;
        _liveness = liveness;
        _views = views;
        _everStarted = new bool[nodeCount];
        _openEvent = new int[nodeCount];
        Array.Fill(_openEvent, -1);
        _maxValueSeen = new long[nodeCount];
    }

    public int EventCount => _events.Count;

    public void OnNodeStarted(int node, long nowUs)
    {
        bool restart = _everStarted[node];
        _everStarted[node] = true;
        if (restart) Open("restart", node, nowUs, _maxValueSeen[node]);
        else if (nowUs > 0) Open("join", node, nowUs, 0);
        else _openEvent[node] = -1;
    }

    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        // A node that left the membership while running had its leave then; the end of its process,
        // by its exit or a crash, changes no right belief about it.
        if (LeftWhileRunning(node)) return;
        if (why == NodeStatus.Crashed) Open("crash", node, nowUs, 0);
        else if (why == NodeStatus.Left) Open("leave", node, nowUs, 0);
    }

    public void OnNodeLeftMembership(int node, long nowUs) => Open("leave", node, nowUs, 0);

    /// <summary>
    /// Whether the running node's open event is a leave: only its leaving the membership opens one
    /// while its process runs (every start opens a join or restart, or closes the open event).
    /// </summary>
    private bool LeftWhileRunning(int node) => _openEvent[node] is var open and >= 0 && _events[open].Kind == "leave";

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        int open = _openEvent[subject];
        if (open >= 0) _events[open].Observe(observer, nowUs, kind, value);
        if (value > _maxValueSeen[subject]) _maxValueSeen[subject] = value;
    }

    public List<ClusterEventResult> Results(long endUs)
    {
        var results = new List<ClusterEventResult>(_events.Count);
        foreach (var e in _events)
            results.Add(ClusterEventResult.FromKnowTimes(e.Kind, e.Subject, e.T0Us, e.KnownAt, excludeSubject: true, _liveness, endUs));
        return ClusterEventResult.MarkCensored(results, endUs);
    }

    /// <summary>Detection of every crash; the all-observers delay is the crash event's t100.</summary>
    public List<CrashDetection> Detections(IReadOnlyList<ClusterEventResult> results)
    {
        var detections = new List<CrashDetection>();
        for (int i = 0; i < _events.Count; i++)
        {
            var e = _events[i];
            if (e.Kind != "crash") continue;
            detections.Add(new CrashDetection(e.Subject, e.T0Us,
                e.FirstSuspectUs < 0 ? null : e.FirstSuspectUs - e.T0Us,
                e.FirstDeadUs < 0 ? null : e.FirstDeadUs - e.T0Us,
                results[i].T100Us));
        }
        return detections;
    }

    private void Open(string kind, int subject, long t0Us, long valueBefore)
    {
        _openEvent[subject] = _events.Count;
        var e = new EventRecord(kind, subject, t0Us, valueBefore, _nodeCount);
        _events.Add(e);
        if (_views is null || kind is not ("crash" or "leave")) return;
        for (int i = 0; i < _nodeCount; i++)
            if (_views.IsObserving(i) && _views.BeliefOf(i, subject) is BeliefState.Dead or BeliefState.Removed) e.Observe(i, t0Us, ObservationKind.MarkedDead, 0);
    }

    private sealed class EventRecord
    {
        private readonly long _valueBefore;

        public EventRecord(string kind, int subject, long t0Us, long valueBefore, int nodeCount)
        {
            Kind = kind;
            Subject = subject;
            T0Us = t0Us;
            _valueBefore = valueBefore;
            KnownAt = new long[nodeCount];
            Array.Fill(KnownAt, -1L);
        }

        public string Kind { get; }

        public int Subject { get; }

        public long T0Us { get; }

        public long[] KnownAt { get; }

        public long FirstSuspectUs { get; private set; } = -1;

        public long FirstDeadUs { get; private set; } = -1;

        public void Observe(int observer, long nowUs, ObservationKind kind, long value)
        {
            bool down = kind is ObservationKind.MarkedDead or ObservationKind.Removed;
            if (Kind == "crash")
            {
                if (FirstSuspectUs < 0 && (down || kind == ObservationKind.Suspected)) FirstSuspectUs = nowUs;
                if (FirstDeadUs < 0 && down) FirstDeadUs = nowUs;
            }
            bool knows = Kind switch
            {
                "crash" or "leave" => down,
                "join" => kind == ObservationKind.MarkedAlive,
                _ => kind == ObservationKind.MarkedAlive && value > _valueBefore,
            };
            if (knows && KnownAt[observer] < 0) KnownAt[observer] = nowUs;
        }
    }
}
