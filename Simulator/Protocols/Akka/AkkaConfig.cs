using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>How an Akka cluster turns unreachable members into downed ones (docs/references.md §3, "Downing").</summary>
public enum AkkaDowning
{
    /// <summary>Akka's own default (<c>downing-provider-class = ""</c>): nobody is downed; unreachable members stay members.</summary>
    None,
    /// <summary>The split brain resolver's keep-majority strategy, after the unreachable set has been stable for stable-after.</summary>
    KeepMajority,
}

/// <summary>
/// Settings of <c>protocol.kind: akka</c>, Akka cluster membership (docs/references.md §3): each
/// node heartbeats the <see cref="MonitoredBy"/> nodes after it on a hash ring every
/// <see cref="HeartbeatIntervalUs"/> and feeds their responses into Akka's phi detector; a monitor
/// marks a node unreachable in its row of the reachability table, which cluster gossip (one peer
/// every <see cref="GossipIntervalUs"/>) spreads; the leader downs members by <see cref="Downing"/>.
/// Ids below <see cref="InitialMembers"/> started at time 0 form a running cluster; any other start
/// joins through the <see cref="Seeds"/>: it asks them again every <see cref="SeedNodeTimeoutUs"/>
/// (seed-node-timeout) until one answers, and retries a Join that brought no Welcome after
/// <see cref="RetryUnsuccessfulJoinAfterUs"/> (retry-unsuccessful-join-after; null: off, never);
/// the leader moves joining members to WeaklyUp after <see cref="WeaklyUpAfterUs"/> of its ticks
/// without convergence (allow-weakly-up-members; null: off, never). A started node's periodic
/// tasks begin <see cref="PeriodicTasksInitialDelayUs"/> after its start, or one interval if that
/// is longer (periodic-tasks-initial-delay). A gossip that waited in a slow node's handling queue
/// longer than <see cref="GossipTimeToLiveUs"/> is ignored (gossip-time-to-live). The leader acts, and
/// a downed node checks whether to shut down, every <see cref="LeaderActionsIntervalUs"/>
/// (leader-actions-interval). Durations in microseconds.
/// </summary>
public sealed record AkkaConfig(
    int NodeCount,
    int InitialMembers,
    long HeartbeatIntervalUs,
    long GossipIntervalUs,
    int MonitoredBy,
    long ExpectedResponseAfterUs,
    FailureDetectorSettings Detector,
    AkkaDowning Downing,
    long StableAfterUs,
    int[] Seeds,
    long SeedNodeTimeoutUs,
    long? RetryUnsuccessfulJoinAfterUs,
    long? WeaklyUpAfterUs,
    long PeriodicTasksInitialDelayUs,
    long GossipTimeToLiveUs,
    long LeaderActionsIntervalUs) : IProtocolSetup
{
    public IReadOnlyList<string> MessageTypes => AkkaMessageType.Names;

    public long RoundUs => Math.Max(HeartbeatIntervalUs, GossipIntervalUs);

    /// <summary>
    /// The split brain resolver's down-all-when-unstable at its default, on: max(4 s, 3/4 of
    /// stable-after) (SplitBrainResolverSettings.DownAllWhenUnstable). Every node downs all members
    /// once reachability has kept changing this long past stable-after since its first change.
    /// </summary>
    public long DownAllWhenUnstableUs => Math.Max(4_000_000, StableAfterUs * 3 / 4);

    /// <summary>One run's nodes, starting from one hash ring of the initial incarnations.</summary>
    public Func<INodeContext, ProtocolNode> NodeFactory()
    {
        var ring = AkkaRing.Of(NodeCount);
        return context => new AkkaNode(context, this, ring);
    }

    public ProtocolNode CreateNode(INodeContext context) => NodeFactory()(context);

    public bool MaintainsMembership => true;

    public bool InitialMembersKnowEachOther => true;

    /// <summary>A report's value is the member's incarnation: its process's start time plus one, 0 for the initial members (AkkaNode.Start).</summary>
    public bool ReportValuesNameProcessStarts => true;
}
