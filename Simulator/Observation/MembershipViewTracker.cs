using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Every observer's belief about every subject, rebuilt from emissions, compared with ground truth.
/// View accuracy (design.md) is the fraction of (observer, subject ≠ observer) pairs, over observers
/// whose process is up, where the belief (alive or suspect = up; dead, removed or unknown = down)
/// matches the truth (up or paused = up; absent, crashed or left = down). Subjects are all n ids.
/// Kept incrementally: O(1) per emission and per subject's change of truth, O(n) per observer's
/// start or stop. Also counts false-positive deaths by cause and refuted suspicions.
/// Memory: an n × n byte matrix (1.4 MB at 1,200 nodes, 400 MB at 20,000), plus 12 bytes per node;
/// the matrix is allocated at the first membership emission, so protocols without membership
/// (rumor) pay nothing but the lifecycle bookkeeping.
/// A restarted node is a fresh process: its row is reset to unknown.
/// </summary>
public sealed class MembershipViewTracker : IMembershipTracker
{
    /// <summary>Above this many nodes the matrix is too large to keep (n² bytes).</summary>
    public const int MaxNodes = 20_000;

    private readonly int _n;
    private byte[]? _beliefs;
    private readonly NodeStatus[] _truth;
    private readonly Func<int, int, bool> _reachable;
    private readonly bool[] _observing;
    private readonly bool[] _subjectUp;
    /// <summary>Per subject: up observers (≠ subject) that believe it up, and that believe it dead or removed.</summary>
    private readonly int[] _believedUpBy;
    private readonly int[] _believedDownBy;
    private readonly bool[] _clusterWideDown;
    private readonly long[] _upSinceUs;
    private long _upMicroseconds;
    private long _correctPairs;
    private long _declarations, _healthy, _paused, _partitioned, _clusterWide, _refuted, _slowSubject, _bySlowObserver;

    /// <summary>Ground truth of slow nodes (slow faults); null when the run has none. Splits healthy declarations further.</summary>
    public Func<int, bool>? IsSlow { get; set; }

    /// <param name="truth">The simulation's ground truth (read only).</param>
    /// <param name="reachable">Whether observer i can reach subject j now; partitions plug in here. Null: always.</param>
    public MembershipViewTracker(int nodeCount, NodeStatus[] truth, Func<int, int, bool>? reachable = null)
    {
        if (nodeCount > MaxNodes) throw new ArgumentOutOfRangeException(nameof(nodeCount), $"view tracking keeps n² bytes; at most {MaxNodes} nodes");
        _n = nodeCount;
        _truth = truth;
        _reachable = reachable ?? ((_, _) => true);
        _observing = new bool[nodeCount];
        _subjectUp = new bool[nodeCount];
        _believedUpBy = new int[nodeCount];
        _believedDownBy = new int[nodeCount];
        _clusterWideDown = new bool[nodeCount];
        _upSinceUs = new long[nodeCount];
    }

    /// <summary>Membership emissions seen; zero for protocols that keep no membership (rumor).</summary>
    public long Emissions { get; private set; }

    public int UpObservers { get; private set; }

    public long SuspectedPairs { get; private set; }

    public long DeadPairs { get; private set; }

    public double ViewAccuracy => _beliefs is null ? double.NaN : UpObservers == 0 || _n < 2 ? double.NaN : (double)_correctPairs / ((long)UpObservers * (_n - 1));

    /// <summary>View accuracy is exactly 1: every up observer holds the truth about every other id.</summary>
    public bool IsAccurate => _beliefs is not null && UpObservers > 0 && _correctPairs == (long)UpObservers * (_n - 1);

    /// <summary>Whether the node's process is up, so that its row counts.</summary>
    public bool IsObserving(int node) => _observing[node];

    public BeliefState BeliefOf(int observer, int subject) => _beliefs is null ? BeliefState.Unknown : (BeliefState)_beliefs[(long)observer * _n + subject];

    /// <summary>Up observers (other than the subject) that believe the subject dead or removed.</summary>
    public int BelievedDownBy(int subject) => _believedDownBy[subject];

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        var next = kind switch
        {
            ObservationKind.Suspected => BeliefState.Suspect,
            ObservationKind.MarkedDead => BeliefState.Dead,
            ObservationKind.MarkedAlive => BeliefState.Alive,
            ObservationKind.Removed => BeliefState.Removed,
            _ => BeliefState.Unknown,
        };
        if (next == BeliefState.Unknown || observer == subject) return;
        if (_beliefs is null) Activate();
        Emissions++;
        long cell = (long)observer * _n + subject;
        var previous = (BeliefState)_beliefs![cell];
        var status = _truth[subject];
        bool subjectLive = status is NodeStatus.Up or NodeStatus.Paused;
        if (next == BeliefState.Dead && subjectLive)
        {
            _declarations++;
            if (status == NodeStatus.Paused) _paused++;
            else if (!_reachable(observer, subject)) _partitioned++;
            else
            {
                _healthy++;
                if (IsSlow is { } slow)
                {
                    if (slow(subject)) _slowSubject++;
                    else if (slow(observer)) _bySlowObserver++;
                }
            }
        }
        if (previous == BeliefState.Suspect && next == BeliefState.Alive && subjectLive) _refuted++;
        if (_observing[observer])
        {
            Count(observer, subject, previous, -1);
            Count(observer, subject, next, +1);
        }
        _beliefs![cell] = (byte)next;
        UpdateClusterWide(subject, subjectLive);
    }

    public void OnNodeStarted(int node, long nowUs)
    {
        // A fresh process believes nothing yet.
        if (_beliefs is not null) Array.Clear(_beliefs, node * _n, _n);
        SetSubjectUp(node, true);
        _observing[node] = true;
        UpObservers++;
        _upSinceUs[node] = nowUs;
        AddRow(node, +1);
    }

    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        StopObserving(node, nowUs);
        SetSubjectUp(node, false);
        _clusterWideDown[node] = false;
    }

    /// <summary>
    /// A protocol whose initial members start knowing each other (SWIM's running cluster) says
    /// nothing about that starting view; this records it: every up observer believes every up
    /// node alive. Called once, after the initial nodes started. O(n^2), once.
    /// </summary>
    public void AssumeUpNodesKnowEachOther()
    {
        _beliefs ??= new byte[(long)_n * _n];
        for (int i = 0; i < _n; i++)
        {
            if (!_observing[i]) continue;
            long row = (long)i * _n;
            for (int j = 0; j < _n; j++)
                if (_subjectUp[j]) _beliefs[row + j] = (byte)BeliefState.Alive;
        }
        _correctPairs = 0;
        SuspectedPairs = DeadPairs = 0;
        Array.Clear(_believedUpBy);
        Array.Clear(_believedDownBy);
        for (int i = 0; i < _n; i++) if (_observing[i]) AddRow(i, +1);
    }

    /// <summary>A paused process is no observer (it holds its beliefs but acts on none); as a subject it stays up.</summary>
    public void OnNodePaused(int node, long nowUs) => StopObserving(node, nowUs);

    /// <summary>The process runs again with the beliefs it had: its row counts again, unchanged.</summary>
    public void OnNodeResumed(int node, long nowUs)
    {
        _observing[node] = true;
        UpObservers++;
        _upSinceUs[node] = nowUs;
        AddRow(node, +1);
    }

    private void StopObserving(int node, long nowUs)
    {
        if (!_observing[node]) return;
        AddRow(node, -1);
        _observing[node] = false;
        UpObservers--;
        _upMicroseconds += nowUs - _upSinceUs[node];
    }

    public FalsePositiveSummary FalsePositives(long endUs)
    {
        long up = _upMicroseconds;
        for (int i = 0; i < _n; i++) if (_observing[i]) up += endUs - _upSinceUs[i];
        return new FalsePositiveSummary(_declarations, _healthy, _paused, _partitioned, _clusterWide, _refuted, up / 3.6e9)
        {
            SlowSubject = _slowSubject,
            BySlowObserver = _bySlowObserver,
        };
    }

    /// <summary>
    /// A live subject held down by more than half of the up observers counts once per episode;
    /// the episode ends when that share falls back to half or less. Checked at emissions.
    /// </summary>
    private void UpdateClusterWide(int subject, bool subjectLive)
    {
        int others = UpObservers - (_observing[subject] ? 1 : 0);
        bool most = 2L * _believedDownBy[subject] > others;
        if (most && subjectLive && !_clusterWideDown[subject]) _clusterWide++;
        _clusterWideDown[subject] = most && subjectLive;
    }

    private static bool BelievesUp(BeliefState b) => b is BeliefState.Alive or BeliefState.Suspect;

    private static bool BelievesDown(BeliefState b) => b is BeliefState.Dead or BeliefState.Removed;

    /// <summary>Adds (sign +1) or takes away (−1) one up observer's belief about one subject from every count.</summary>
    private void Count(int observer, int subject, BeliefState b, int sign)
    {
        if (observer == subject) return;
        bool up = BelievesUp(b);
        if (up == _subjectUp[subject]) _correctPairs += sign;
        if (up) _believedUpBy[subject] += sign;
        if (BelievesDown(b)) _believedDownBy[subject] += sign;
        if (b == BeliefState.Suspect) SuspectedPairs += sign;
        if (b == BeliefState.Dead) DeadPairs += sign;
    }

    /// <summary>
    /// First emission: every belief so far is unknown (down), so the right pairs are those about
    /// subjects that are truly down, for each up observer; no other count is non-zero yet.
    /// </summary>
    private void Activate()
    {
        _beliefs = new byte[(long)_n * _n];
        int down = 0;
        for (int j = 0; j < _n; j++) if (!_subjectUp[j]) down++;
        _correctPairs = (long)UpObservers * down;
    }

    private void AddRow(int observer, int sign)
    {
        if (_beliefs is null) return;
        long row = (long)observer * _n;
        for (int j = 0; j < _n; j++) Count(observer, j, (BeliefState)_beliefs[row + j], sign);
    }

    /// <summary>The subject's truth flips: every up observer's pair about it flips between right and wrong.</summary>
    private void SetSubjectUp(int subject, bool up)
    {
        if (_subjectUp[subject] == up) return;
        _subjectUp[subject] = up;
        if (_beliefs is null) return;
        int others = UpObservers - (_observing[subject] ? 1 : 0);
        int believedUp = _believedUpBy[subject];
        // Before: right = those believing the old truth; after: those believing the new one.
        _correctPairs += up ? 2L * believedUp - others : others - 2L * believedUp;
    }
}
