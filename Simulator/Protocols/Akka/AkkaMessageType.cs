namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>Message types of the akka family; the numbers index <see cref="Names"/>.</summary>
public static class AkkaMessageType
{
    /// <summary>ClusterHeartbeatSender's heartbeat to a node it monitors.</summary>
    public const int Heartbeat = 0;
    /// <summary>The monitored node's answer, which feeds the monitor's detector.</summary>
    public const int HeartbeatRsp = 1;
    /// <summary>Cluster gossip: membership and the reachability table.</summary>
    public const int Gossip = 2;
    /// <summary>Cluster gossip's status: the sender's version and seen digest, sent instead of the state to a member that has seen it.</summary>
    public const int GossipStatus = 3;
    /// <summary>A leaving member's word to the two members likeliest to lead that it has finished exiting and is shutting down (ExitingConfirmed).</summary>
    public const int ExitingConfirmed = 4;
    /// <summary>A joining node's request to a seed node (InitJoin), carrying the configuration the seed checks.</summary>
    public const int InitJoin = 5;
    /// <summary>A member's answer to InitJoin: it can be joined (InitJoinAck), with the configuration checked.</summary>
    public const int InitJoinAck = 6;
    /// <summary>The answer to InitJoin of a node that cannot be joined: not a member yet, or downed or exiting (InitJoinNack).</summary>
    public const int InitJoinNack = 7;
    /// <summary>A joining node's Join to the seed that answered first: its unique address, roles and app version.</summary>
    public const int Join = 8;
    /// <summary>The joined member's Welcome: its whole state, holding the joining node as Joining.</summary>
    public const int Welcome = 9;

    public static readonly IReadOnlyList<string> Names =
        ["heartbeat", "heartbeat_rsp", "gossip", "gossip_status", "exiting_confirmed", "init_join", "init_join_ack", "init_join_nack", "join", "welcome"];

    /// <summary>
    /// Bytes [assumed, not measured from Akka's serializers]: 32 B of header for a heartbeat or its
    /// answer; a gossip carries 24 B per member (address, uid, status, version), 12 B per
    /// unreachable record and 2 B per member in the seen set (an index), after its 32 B header; a
    /// gossip status carries, after its header, a 20 B seen digest (SHA-1) and 24 B per entry of
    /// the version's vector clock (a hashed writer and its counter); an exiting confirmation carries
    /// one member's address and uid (24 B) after its header. Joining: an InitJoin carries 200 B of
    /// configuration (the keys the join's compatibility check reads: the downing provider and the
    /// split brain resolver's settings), its InitJoinAck the seed's address and the same keys back,
    /// an InitJoinNack the address; a Join the joining node's address and uid with 24 B of roles
    /// (the data-center role) and app version; a Welcome the sender's address and uid and the state
    /// as a gossip carries it.
    /// </summary>
    public const int HeaderBytes = 32, MemberBytes = 24, RecordBytes = 12, SeenBytes = 2, DigestBytes = 20, ClockEntryBytes = 24,
        ConfigBytes = 200, RolesBytes = 24;
}
