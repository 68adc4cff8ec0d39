using GossipSim.Simulator.Engine;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Where everything nodes report, and every start and stop of a node, arrives; it hands each
/// report to the trackers that care. Trackers watch; they are never wired into the protocols.
/// </summary>
public sealed class ObservationHub
{
    private readonly List<IMembershipTracker> _membershipTrackers = new();

    public ObservationHub(int nodeCount, IReadOnlyList<string> messageTypeNames)
    {
        Traffic = new TrafficMeter(nodeCount, messageTypeNames);
        Updates = new UpdateConvergenceTracker(nodeCount);
        Liveness = new LivenessHistory(nodeCount);
    }

    public TrafficMeter Traffic { get; }

    public UpdateConvergenceTracker Updates { get; }

    public LivenessHistory Liveness { get; }

    /// <summary>Cluster events (crash, join, leave, restart) and crash detection; null until membership tracking is on.</summary>
    public ClusterEventTracker? ClusterEvents { get; private set; }

    /// <summary>Beliefs against truth: view accuracy, false positives; null until membership tracking is on.</summary>
    public MembershipViewTracker? Views { get; private set; }

    public ViewSampler? Sampler { get; private set; }

    /// <summary>Time to full view accuracy after heal_at; null without a heal or view tracking.</summary>
    public ReconvergenceWatch? Reconvergence { get; private set; }

    /// <summary>
    /// Turns on the membership trackers; call before any node starts. <paramref name="truth"/> is the
    /// simulation's ground truth; <paramref name="reachable"/> says whether i can reach j (partitions).
    /// </summary>
    public void TrackMembership(NodeStatus[] truth, Func<int, int, bool>? reachable = null)
    {
        int n = truth.Length;
        Views = new MembershipViewTracker(n, truth, reachable);
        Sampler = new ViewSampler(Views, Traffic);
        AddMembershipTracker(Views);
        ClusterEvents = new ClusterEventTracker(n, Liveness, Views);
        AddMembershipTracker(ClusterEvents);
    }

    /// <summary>Starts measuring reconvergence at heal time (after the faults ended).</summary>
    public void WatchReconvergence(long healUs)
    {
        if (Views is null) return;
        Reconvergence = new ReconvergenceWatch(Views, healUs);
        AddMembershipTracker(Reconvergence);
        Reconvergence.Check(healUs);
    }

    /// <summary>Ring views against the true ring; null without a <c>ring:</c> section.</summary>
    public RingViewTracker? Ring { get; private set; }

    /// <summary>Routing outcomes of the request workload; null without a <c>workload:</c> section.</summary>
    public RoutingTracker? Routing { get; private set; }

    /// <summary>Turns on ring tracking; call before any node starts.</summary>
    public void TrackRing(Ring.RingRegistry ring, int initialNodes)
    {
        Ring = new RingViewTracker(ring, Liveness, initialNodes);
        AddMembershipTracker(Ring);
    }

    /// <summary>Turns on routing outcomes (needs ring and membership views).</summary>
    public void TrackRouting(RoutingTracker routing)
    {
        Routing = routing;
        Sampler?.AttachRouting(routing);
    }

    public void AddMembershipTracker(IMembershipTracker tracker) => _membershipTrackers.Add(tracker);

    public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value)
    {
        if (kind == ObservationKind.LearnedVersion)
        {
            Updates.OnLearned(observer, subject, value, nowUs);
            return;
        }
        if (kind is ObservationKind.RingTokens or ObservationKind.RingBytesSent)
        {
            Ring?.Observe(observer, nowUs, kind, subject, value);
            return;
        }
        foreach (var t in _membershipTrackers) t.Observe(observer, nowUs, kind, subject, value);
    }

    public void OnNodeStarted(int node, long nowUs)
    {
        Liveness.OnStarted(node, nowUs);
        Updates.OnStateLost(node);
        foreach (var t in _membershipTrackers) t.OnNodeStarted(node, nowUs);
    }

    public void OnNodePaused(int node, long nowUs)
    {
        foreach (var t in _membershipTrackers) t.OnNodePaused(node, nowUs);
    }

    public void OnNodeResumed(int node, long nowUs)
    {
        foreach (var t in _membershipTrackers) t.OnNodeResumed(node, nowUs);
    }

    public void OnNodeLeftMembership(int node, long nowUs)
    {
        foreach (var t in _membershipTrackers) t.OnNodeLeftMembership(node, nowUs);
    }

    public void OnNodeStopped(int node, long nowUs, NodeStatus why)
    {
        Liveness.OnStopped(node, nowUs);
        foreach (var t in _membershipTrackers) t.OnNodeStopped(node, nowUs, why);
    }
}
