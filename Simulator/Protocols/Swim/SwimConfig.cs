namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// Settings of the swim family (Das, Gupta, Motivala 2002, in hashicorp/memberlist's form;
/// references.md §1, §4, §5). Durations in microseconds. <see cref="NodeCount"/> is the id space
/// of the run; ids below <see cref="InitialMembers"/> that start at time 0 form a running cluster
/// that already knows itself (all alive, incarnation 0); every other start is a join (or a restart)
/// that pushes and pulls state with the <see cref="Seeds"/>.
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
    private const long Ms = 1_000;
    private const long S = 1_000_000;

    public IReadOnlyList<string> MessageTypes => SwimMessageType.Names;

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

    /// <summary>memberlist DefaultLANConfig (references.md §1 table, column LAN).</summary>
    public static SwimConfig MemberlistLan(int n) => new(
        NodeCount: n,
        InitialMembers: n,
        ProbeIntervalUs: 1 * S,           // §1: ProbeInterval LAN 1 s
        ProbeTimeoutUs: 500 * Ms,         // §1: ProbeTimeout LAN 500 ms
        IndirectProbes: 3,                // §1: IndirectChecks LAN 3
        SuspicionMult: 4,                 // §1: SuspicionMult LAN 4
        SuspicionMaxTimeoutMult: 6,       // §1: SuspicionMaxTimeoutMult LAN 6
        RetransmitMult: 4,                // §1: RetransmitMult LAN 4
        GossipIntervalUs: 200 * Ms,       // §1: GossipInterval LAN 200 ms
        GossipNodes: 3,                   // §1: GossipNodes LAN 3
        GossipToTheDeadTimeUs: 30 * S,    // §1: GossipToTheDeadTime LAN 30 s
        PushPullIntervalUs: 30 * S,       // §1: PushPullInterval LAN 30 s
        MtuBytes: 1400,                   // §1: UDPBufferSize 1400 B
        Seeds: DefaultSeeds(n),
        Lifeguard: SwimLifeguard.Memberlist); // §1: AwarenessMaxMultiplier 8; §5: all three parts built in

    /// <summary>memberlist DefaultWANConfig (references.md §1 table, column WAN).</summary>
    public static SwimConfig MemberlistWan(int n) => MemberlistLan(n) with
    {
        ProbeIntervalUs = 5 * S,          // §1: ProbeInterval WAN 5 s
        ProbeTimeoutUs = 3 * S,           // §1: ProbeTimeout WAN 3 s
        IndirectProbes = 3,               // §1: IndirectChecks WAN 3
        SuspicionMult = 6,                // §1: SuspicionMult WAN 6
        SuspicionMaxTimeoutMult = 6,      // §1: SuspicionMaxTimeoutMult WAN 6
        RetransmitMult = 4,               // §1: RetransmitMult WAN 4
        GossipIntervalUs = 500 * Ms,      // §1: GossipInterval WAN 500 ms
        GossipNodes = 4,                  // §1: GossipNodes WAN 4
        GossipToTheDeadTimeUs = 60 * S,   // §1: GossipToTheDeadTime WAN 60 s
        PushPullIntervalUs = 60 * S,      // §1: PushPullInterval WAN 60 s
    };
}
