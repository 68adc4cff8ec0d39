namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// Settings of the swim family (Das, Gupta, Motivala 2002, in hashicorp/memberlist's form;
/// docs/references.md §1, §4, §5). Durations in microseconds. <see cref="NodeCount"/> is the id space
/// of the run; ids below <see cref="InitialMembers"/> that start at time 0 form a running cluster
/// that already knows itself (all alive, incarnation 0); every other start is a join (or a restart)
/// that pushes and pulls state with the <see cref="Seeds"/>. memberlist's own settings are not
/// repeated here: they are the scenario schema's swim defaults, compiled by
/// <c>PresetConfigs.MemberlistLan</c>.
/// </summary>
public sealed record SwimConfig(
    int NodeCount,
    int InitialMembers,
    long ProbeIntervalUs,
    long ProbeTimeoutUs,
    int IndirectProbes,
    int SuspicionMult,
    int SuspicionMaxTimeoutMult,
    int RetransmitMult,
    long GossipIntervalUs,
    int GossipNodes,
    long GossipToTheDeadTimeUs,
    long PushPullIntervalUs,
    int MtuBytes,
    int[] Seeds,
    SwimLifeguard Lifeguard,
    bool TcpPings = true) : IProtocolSetup
{
    public IReadOnlyList<string> MessageTypes => SwimMessageType.Names;

    /// <summary>memberlist EnableCompression (default true): changes the bytes on the wire only (<see cref="Wire.MemberlistWire"/>).</summary>
    public bool Compression { get; init; } = true;

    /// <summary>memberlist's gossip encryption (a SecretKey) and cluster label (Label), both unset by default: they change the bytes on the wire and the room left for broadcasts in a packet.</summary>
    public Wire.MemberlistSealing Sealing { get; init; }

    /// <summary>memberlist TCPTimeout (DefaultLANConfig 10 s): how long a push-pull's dial waits for an answer, which decides the SYNs a failed one sends.</summary>
    public long TcpTimeoutUs { get; init; } = 10_000_000;

    /// <summary>Each round a node sets its probe, probe-timeout and gossip timers (push-pull's, every 30 s or more, is not a round's).</summary>
    public long RoundUs => Math.Max(ProbeIntervalUs, Math.Max(ProbeTimeoutUs, GossipIntervalUs));

    /// <summary>A node on a table of its own; a run's nodes come from one <see cref="NodeFactory"/> so they share theirs.</summary>
    public ProtocolNode CreateNode(INodeContext context) => NodeFactory()(context);

    /// <summary>
    /// One run's nodes, sharing one table of member views: its baseline is the running cluster's
    /// starting view (every initial member alive at incarnation 0), which each initial member follows.
    /// </summary>
    public Func<INodeContext, ProtocolNode> NodeFactory()
    {
        var view = new SharedViewTable<SwimMemberView>(NodeCount, NodeCount, diagonalIgnored: false, SwimMemberView.Fingerprint, SwimMemberView.Foldable);
        for (int i = 0; i < InitialMembers; i++) view.SetBaseline(i, new SwimMemberView(SwimMemberState.Alive, 0, 0));
        return context => new SwimNode(context, this, view);
    }

    /// <summary>Initial members start as a running cluster: all alive, incarnation 0, nothing emitted.</summary>
    public bool InitialMembersKnowEachOther => true;

    public bool MaintainsMembership => true;

    /// <summary>Seed ids 0, 1, 2 (fewer in smaller clusters).</summary>
    public static int[] DefaultSeeds(int n) => Enumerable.Range(0, Math.Min(3, n)).ToArray();
}
