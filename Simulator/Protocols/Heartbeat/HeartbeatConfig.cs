namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Settings of the heartbeat family (<c>protocol.kind: heartbeat</c>): every
/// <see cref="IntervalUs"/> a node increments its heartbeat and gossips to <see cref="Fanout"/>
/// random peers it believes live, plus Cassandra's extra targets (an unreachable node, a seed);
/// <see cref="Exchange"/> is push or 3-way digest; <see cref="Detector"/> judges each member.
/// <see cref="Seeds"/> are node ids; with none, a node contacts a random id each round until it has
/// heard of every id, as if every address were a contact point.
/// Cassandra's guards (docs/references.md, "Cassandra"), each off unless set: <see cref="LocalPauseGuardUs"/>
/// (FailureDetector.interpret convicts nobody for that long after a local pause longer than it) and
/// <see cref="Echo"/> (markAlive asks the member for an ECHO and marks it up on the reply), and
/// <see cref="AnnounceShutdown"/> (Gossiper.stop sends GOSSIP_SHUTDOWN to the live endpoints, which
/// mark the node down at once; a leave with a ring, Cassandra's decommission, announces LEFT instead),
/// <see cref="QuarantineUs"/> (a member whose STATUS LEFT removed it is quarantined that long:
/// Gossiper.applyStateLocally ignores every state about it, its restart included), and
/// <see cref="RingDelayUs"/> (a leave with a ring sets STATUS LEFT and goes on gossiping for
/// <see cref="LeaveGossipUs"/> before its process stops without a word, as StorageService.leaveRing
/// sleeps; 0, a what-if, pushes LEFT to every member believed live and stops at once).
/// <see cref="Transport"/> carries the gossip exchange: datagrams by default, Cassandra's internode
/// TCP connections with <see cref="HeartbeatTransport.Tcp"/> (the ECHOs and GOSSIP_SHUTDOWN always go
/// over TCP, as the guards that send them are Cassandra's).
/// <see cref="ReportUnknown"/> true is Cassandra's rule too (Gossiper.applyStateLocally reports a
/// new endpoint, so its first state opens the window); false is a what-if in which only the next
/// newer state does, so a member that joined and died at once is never convicted.
/// </summary>
public sealed record HeartbeatConfig(
    int NodeCount,
    long IntervalUs,
    int Fanout,
    HeartbeatExchange Exchange,
    FailureDetectorSettings Detector,
    IReadOnlyList<int> Seeds,
    MessageSize[] Sizes,
    long LocalPauseGuardUs = 0,
    bool ReportUnknown = true,
    bool Echo = false,
    bool AnnounceShutdown = false,
    long QuarantineUs = 0,
    HeartbeatTransport Transport = HeartbeatTransport.Udp,
    long RingDelayUs = 0) : IProtocolSetup
{
    /// <summary>
    /// With <see cref="RingDelayUs"/>: how long a node that set STATUS LEFT goes on gossiping before
    /// its process stops, max(RING_DELAY, 2 × interval) as StorageService.leaveRing computes it
    /// (docs/references.md §2); 0 when the ring delay is off.
    /// </summary>
    public long LeaveGossipUs => RingDelayUs > 0 ? Math.Max(RingDelayUs, 2 * IntervalUs) : 0;

    /// <summary>
    /// How long an ECHO stays in flight before a newer state may send another: Cassandra's ECHO_REQ
    /// callback expires after the request timeout (10 s by default), which frees the endpoint's
    /// in-flight mark.
    /// </summary>
    public const long EchoTimeoutUs = 10_000_000;

    public IReadOnlyList<string> MessageTypes => HeartbeatMessageType.Names;

    public long RoundUs => IntervalUs;

    /// <summary>A node of a run of its own (payloads, generations); a run's nodes come from one <see cref="NodeFactory()"/> so they share them.</summary>
    public ProtocolNode CreateNode(INodeContext context) => NodeFactory()(context);

    /// <summary>One run's nodes, sharing one <see cref="HeartbeatShared"/>.</summary>
    public Func<INodeContext, ProtocolNode> NodeFactory() => NodeFactory(new HeartbeatShared(NodeCount));

    /// <summary>Nodes sharing <paramref name="shared"/>, for a harness that also plays some of the run's members.</summary>
    public Func<INodeContext, ProtocolNode> NodeFactory(HeartbeatShared shared) => context => new HeartbeatNode(context, this, shared);

    public bool MaintainsMembership => true;

    /// <summary>Cassandra: a new endpoint's window starts with INITIAL_VALUE = 2 × interval (docs/references.md §2).</summary>
    public double InitialIntervalMs => 2.0 * IntervalUs / 1000.0;

    /// <summary>Cassandra ignores intervals above MAX_INTERVAL = 2 × interval (2000 ms at 1 s; docs/references.md §2).</summary>
    public double MaxIntervalMs => 2.0 * IntervalUs / 1000.0;
}
