using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Every observer's belief about every subject, rebuilt from emissions, compared with ground truth.
/// View accuracy (ARCHITECTURE.md) is the fraction of (observer, subject ≠ observer) pairs, over observers
/// whose process is up, where the belief (alive or suspect = up; dead, removed or unknown = down)
/// matches the truth (up or paused = up; absent, crashed or left = down, and so is a node that has
/// left the membership while its process runs on, as a Cassandra decommission does for its ring
/// delay: <see cref="OnNodeLeftMembership"/>). Subjects are all n ids.
/// Kept incrementally: O(1) per emission and per subject's change of truth, O(beliefs that differ
/// from the baseline) per observer's start or stop. Also counts false-positive deaths by cause and
/// refuted suspicions.
/// Memory: the beliefs are a <see cref="SharedViewTable{T}"/> (a baseline of n bytes, the running
/// cluster's starting view, plus each observer's differing beliefs), so a converged cluster costs
/// O(n), not n²; plus about 40 bytes per node of counts.
/// A restarted node is a fresh process: its row is reset to unknown.
/// </summary>
/// <remarks>
/// The per-subject counts are kept in two parts so that an observer's row can be added or taken
/// away without visiting every subject: observers that follow the baseline contribute its cell
/// (<see cref="_baselineObservers"/> times), and each stored difference contributes its change
/// from the row's fallback (<see cref="_upDelta"/>, <see cref="_downDelta"/>).
/// </remarks>
public sealed class MembershipViewTracker : IMembershipTracker
{
    private readonly int _n;
    private readonly SharedViewTable<BeliefState> _beliefs;
    /// <summary>Whether any membership belief has been recorded (an emission or the assumed starting view); rumor runs have none.</summary>
    private bool _active;
    private readonly NodeStatus[] _truth;
    private readonly Func<int, int, bool> _reachable;
    private readonly bool[] _observing;
    private readonly bool[] _subjectUp;
    /// <summary>Per subject: the part of "up observers (≠ subject) that believe it up / down" that stored differences add.</summary>
    private readonly int[] _upDelta;
    private readonly int[] _downDelta;
    /// <summary>Up observers whose rows follow the baseline.</summary>
    private int _baselineObservers;
    /// <summary>Over subjects j: baseline cells whose up/down matches j's truth; suspect and dead cells; subjects truly down.</summary>
    private int _baselineCorrect, _baselineSuspect, _baselineDead, _downSubjects;
    private readonly bool[] _clusterWideDown;
    private readonly long[] _upSinceUs;
    private long _upMicroseconds;
    private long _correctPairs;
    private long _declarations, _healthy, _paused, _partitioned, _clusterWide, _refuted, _slowSubject, _bySlowObserver, _byPausedObserver;
    /// <summary>When each node last woke from a pause (when <see cref="TracksPausedObservers"/>).</summary>
    private long[]? _wokeAtUs;

    /// <summary>
    /// A declaration by an observer this soon after it woke from a pause counts as made by a paused
    /// observer: long enough to cover the first rounds after waking, when its view is as stale as
    /// the pause was long and a detector without a pause guard convicts many healthy peers.
    /// </summary>
    public const long PausedObserverWindowUs = 10_000_000;

    /// <summary>Whether the run has pauses, so that healthy declarations by freshly woken observers are counted apart.</summary>
    public bool TracksPausedObservers
    {
        get => _wokeAtUs is not null;
        set
        {
            _wokeAtUs = value ? new long[_n] : null;
            if (_wokeAtUs is not null) Array.Fill(_wokeAtUs, long.MinValue / 2);
        }
    }

    /// <summary>Ground truth of slow nodes (slow faults); null when the run has none. Splits healthy declarations further.</summary>
    public Func<int, bool>? IsSlow { get; set; }

    /// <summary>
    /// Set in runs whose faults can bring a stopped node back: death marks of a node that came back
    /// which are late verdicts on its stopped process are then counted apart from false deaths.
    /// </summary>
    public LateDeathMarks? LateMarks { get; set; }

    private long _lateDeathMarks;

    /// <param name="nodeCount">Node ids of the run.</param>
    /// <param name="truth">The simulation's ground truth (read only).</param>
    /// <param name="reachable">Whether observer i can reach subject j now; partitions plug in here. Null: always.</param>
    public MembershipViewTracker(int nodeCount, NodeStatus[] truth, Func<int, int, bool>? reachable = null)
    {
        _n = nodeCount;
        _truth = truth;
        _reachable = reachable ?? ((_, _) => true);
        _observing = new bool[nodeCount];
        _beliefs = new SharedViewTable<BeliefState>(nodeCount, nodeCount, diagonalIgnored: true, b => SplitMix64.Mix((ulong)b), _ => true)
        {
            Folded = OnFolded,
            // A rebased row's beliefs do not change, but the split of its counts does.
            Rebasing = row => { if (_observing[row]) AddRow(row, -1); },
            Rebased = row => { if (_observing[row]) AddRow(row, +1); },
        };
        _subjectUp = new bool[nodeCount];
        _upDelta = new int[nodeCount];
        _downDelta = new int[nodeCount];
        // Every subject starts truly down (absent) and every baseline cell unknown, which is right about it.
        _downSubjects = _baselineCorrect = nodeCount;
        _clusterWideDown = new bool[nodeCount];
        _upSinceUs = new long[nodeCount];
    }

    /// <summary>Membership emissions seen; zero for protocols that keep no membership (rumor).</summary>
    public long Emissions { get; private set; }

    public int UpObservers { get; private set; }

    public long SuspectedPairs { get; private set; }

    public long DeadPairs { get; private set; }

    public double ViewAccuracy => !_active ? double.NaN : UpObservers == 0 || _n < 2 ? double.NaN : (double)_correctPairs / ((long)UpObservers * (_n - 1));

    /// <summary>View accuracy is exactly 1: every up observer holds the truth about every other id.</summary>
    public bool IsAccurate => _active && UpObservers > 0 && _correctPairs == (long)UpObservers * (_n - 1);

    /// <summary>Whether the node's process is up, so that its row counts.</summary>
    public bool IsObserving(int node) => _observing[node];

    public BeliefState BeliefOf(int observer, int subject) => _beliefs.Get(observer, subject);

    /// <summary>Up observers (other than the subject) that believe the subject dead or removed.</summary>
    public int BelievedDownBy(int subject) => BaselineShare(subject, BelievesDown(_beliefs.Baseline(subject))) + _downDelta[subject];

    /// <summary>Up observers (other than the subject) that believe the subject alive or suspect.</summary>
    private int BelievedUpBy(int subject) => BaselineShare(subject, BelievesUp(_beliefs.Baseline(subject))) + _upDelta[subject];

    /// <summary>Up observers other than the subject whose rows follow the baseline, if its cell counts; else 0.</summary>
    private int BaselineShare(int subject, bool counts) =>
        counts ? _baselineObservers - (_observing[subject] && _beliefs.FollowsBaseline(subject) ? 1 : 0) : 0;

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
        _active = true;
        Emissions++;
        var previous = _beliefs.Get(observer, subject);
        var status = _truth[subject];
        // Its process runs (up or paused) and it has not left the membership: a death mark of it is false.
        bool subjectLive = _subjectUp[subject];
        bool late = next == BeliefState.Dead && subjectLive && LateMarks is { } lateMarks && lateMarks.IsLate(observer, subject, value);
        if (late) _lateDeathMarks++;
        else if (next == BeliefState.Dead && subjectLive)
        {
            _declarations++;
            if (status == NodeStatus.Paused) _paused++;
            else if (!_reachable(observer, subject)) _partitioned++;
            else
            {
                _healthy++;
                if (_wokeAtUs is not null && nowUs - _wokeAtUs[observer] <= PausedObserverWindowUs) _byPausedObserver++;
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
        _beliefs.Set(observer, subject, next);
        UpdateClusterWide(subject, subjectLive, late);
    }

    public void OnNodeStarted(int node, long nowUs)
    {
        // A fresh process believes nothing yet.
        _beliefs.ResetToDefault(node);
        SetSubjectUp(node, true);
        _observing[node] = true;
        UpObservers++;
        _upSinceUs[node] = nowUs;
        AddRow(node, +1);
        // Most observers may still hold the stopped process dead, rightly: that is no episode of
        // a live node declared dead, and one begins only if most come to hold the new one dead.
        _clusterWideDown[node] = 2L * BelievedDownBy(node) > UpObservers - 1;
    }

    /// <summary>
    /// The node has left the membership while its process runs on: as a subject it is down from now
    /// (a death mark or removal of it is right, and no false death), as an observer it counts until
    /// its process stops.
    /// </summary>
    public void OnNodeLeftMembership(int node, long nowUs)
    {
        SetSubjectUp(node, false);
        _clusterWideDown[node] = false;
    }

    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        StopObserving(node, nowUs);
        // The process is gone with its beliefs (nothing reads a stopped observer's row).
        _beliefs.Reset(node, followBaseline: false);
        SetSubjectUp(node, false);
        _clusterWideDown[node] = false;
    }

    /// <summary>
    /// A protocol whose initial members start knowing each other (SWIM's running cluster) says
    /// nothing about that starting view; this records it: every up observer believes every up
    /// node alive. Called once, after the initial nodes started and before any emission: that view
    /// becomes the baseline, which every up observer follows. O(n), once.
    /// </summary>
    public void AssumeUpNodesKnowEachOther()
    {
        if (Emissions > 0) throw new InvalidOperationException("the starting view is assumed before any belief is emitted");
        _active = true;
        for (int i = 0; i < _n; i++)
        {
            if (!_observing[i]) continue;
            AddRow(i, -1);
            _beliefs.Reset(i, followBaseline: false);
        }
        for (int j = 0; j < _n; j++)
            if (_subjectUp[j]) SetBaselineCell(j, BeliefState.Alive);
        for (int i = 0; i < _n; i++)
        {
            if (!_observing[i]) continue;
            _beliefs.Reset(i, followBaseline: true);
            AddRow(i, +1);
        }
    }

    /// <summary>A baseline cell changes under no follower (the starting view), or by a fold: the baseline sums follow.</summary>
    private void SetBaselineCell(int subject, BeliefState value)
    {
        CountBaseline(subject, _beliefs.Baseline(subject), -1);
        _beliefs.SetBaseline(subject, value);
        CountBaseline(subject, value, +1);
    }

    private void CountBaseline(int subject, BeliefState b, int sign)
    {
        if (BelievesUp(b) == _subjectUp[subject]) _baselineCorrect += sign;
        if (b == BeliefState.Suspect) _baselineSuspect += sign;
        if (b == BeliefState.Dead) _baselineDead += sign;
    }

    /// <summary>
    /// Every row that follows the baseline held <paramref name="now"/> about the subject and now reads
    /// it from the baseline: no belief changed, but the up observers' share moves from the deltas
    /// into the baseline part of the per-subject counts.
    /// </summary>
    private void OnFolded(int subject, BeliefState before, BeliefState now)
    {
        CountBaseline(subject, before, -1);
        CountBaseline(subject, now, +1);
        int followers = _baselineObservers - (_observing[subject] && _beliefs.FollowsBaseline(subject) ? 1 : 0);
        _upDelta[subject] -= followers * ((BelievesUp(now) ? 1 : 0) - (BelievesUp(before) ? 1 : 0));
        _downDelta[subject] -= followers * ((BelievesDown(now) ? 1 : 0) - (BelievesDown(before) ? 1 : 0));
    }

    /// <summary>A paused process is no observer (it holds its beliefs but acts on none); as a subject it stays up.</summary>
    public void OnNodePaused(int node, long nowUs) => StopObserving(node, nowUs);

    /// <summary>The process runs again with the beliefs it had: its row counts again, unchanged.</summary>
    public void OnNodeResumed(int node, long nowUs)
    {
        _observing[node] = true;
        if (_wokeAtUs is not null) _wokeAtUs[node] = nowUs;
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
            ByPausedObserver = _byPausedObserver,
            LateDeathMarks = LateMarks is null ? null : _lateDeathMarks,
        };
    }

    /// <summary>
    /// A live subject held down by more than half of the up observers counts once per episode;
    /// the episode ends when that share falls back to half or less. Checked at emissions.
    /// </summary>
    private void UpdateClusterWide(int subject, bool subjectLive, bool lateDeathMark)
    {
        int others = UpObservers - (_observing[subject] ? 1 : 0);
        bool most = 2L * BelievedDownBy(subject) > others;
        // An episode that a late death mark begins is the late verdict of most observers on the stopped process.
        if (most && subjectLive && !_clusterWideDown[subject] && !lateDeathMark) _clusterWide++;
        _clusterWideDown[subject] = most && subjectLive;
    }

    private static bool BelievesUp(BeliefState b) => b is BeliefState.Alive or BeliefState.Suspect;

    private static bool BelievesDown(BeliefState b) => b is BeliefState.Dead or BeliefState.Removed;

    /// <summary>
    /// Adds (sign +1) or takes away (−1) one up observer's belief about one subject from every count;
    /// the per-subject part as a change from <paramref name="fallback"/>, the belief the row's
    /// share already counts for it (none: unknown).
    /// </summary>
    private void Count(int observer, int subject, BeliefState b, int sign, BeliefState fallback = BeliefState.Unknown)
    {
        if (observer == subject) return;
        bool up = BelievesUp(b);
        if (up == _subjectUp[subject]) _correctPairs += sign;
        _upDelta[subject] += sign * ((up ? 1 : 0) - (BelievesUp(fallback) ? 1 : 0));
        _downDelta[subject] += sign * ((BelievesDown(b) ? 1 : 0) - (BelievesDown(fallback) ? 1 : 0));
        if (b == BeliefState.Suspect) SuspectedPairs += sign;
        if (b == BeliefState.Dead) DeadPairs += sign;
    }

    /// <summary>
    /// Adds or takes away one up observer's whole row: the baseline sums (or, for a row that does not
    /// follow the baseline, all-unknown) minus its own cell, then each stored difference.
    /// </summary>
    private void AddRow(int observer, int sign)
    {
        var differences = t_differences ??= new();
        _beliefs.CopyDifferences(observer, differences);
        if (_beliefs.FollowsBaseline(observer))
        {
            _baselineObservers += sign;
            var own = _beliefs.Baseline(observer);
            _correctPairs += sign * (_baselineCorrect - (BelievesUp(own) == _subjectUp[observer] ? 1 : 0));
            SuspectedPairs += sign * (_baselineSuspect - (own == BeliefState.Suspect ? 1 : 0));
            DeadPairs += sign * (_baselineDead - (own == BeliefState.Dead ? 1 : 0));
            foreach (var (subject, b) in differences)
            {
                var baseline = _beliefs.Baseline(subject);
                Count(observer, subject, baseline, -sign, baseline);
                Count(observer, subject, b, sign, baseline);
            }
            return;
        }
        _correctPairs += sign * (_downSubjects - (_subjectUp[observer] ? 0 : 1));
        foreach (var (subject, b) in differences)
        {
            Count(observer, subject, BeliefState.Unknown, -sign);
            Count(observer, subject, b, sign);
        }
    }

    [ThreadStatic] private static List<(int Column, BeliefState Value)>? t_differences;

    /// <summary>The subject's truth flips: every up observer's pair about it flips between right and wrong.</summary>
    private void SetSubjectUp(int subject, bool up)
    {
        if (_subjectUp[subject] == up) return;
        // Flip the subject's baseline cell between right and wrong, and its count of down subjects.
        CountBaseline(subject, _beliefs.Baseline(subject), -1);
        _subjectUp[subject] = up;
        CountBaseline(subject, _beliefs.Baseline(subject), +1);
        _downSubjects += up ? -1 : 1;
        int others = UpObservers - (_observing[subject] ? 1 : 0);
        int believedUp = BelievedUpBy(subject);
        // Before: right = those believing the old truth; after: those believing the new one.
        _correctPairs += up ? 2L * believedUp - others : others - 2L * believedUp;
    }
}
