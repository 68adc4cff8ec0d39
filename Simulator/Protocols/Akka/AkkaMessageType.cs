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

    public static readonly IReadOnlyList<string> Names = ["heartbeat", "heartbeat_rsp", "gossip", "gossip_status", "exiting_confirmed"];

    /// <summary>
    /// Bytes [assumed, not measured from Akka's serializers]: 32 B of header for a heartbeat or its
    /// answer; a gossip carries 24 B per member (address, uid, status, version), 12 B per
    /// unreachable record and 2 B per member in the seen set (an index), after its 32 B header; a
    /// gossip status carries, after its header, a 20 B seen digest (SHA-1) and 24 B per entry of
    /// the version's vector clock (a hashed writer and its counter); an exiting confirmation carries
    /// one member's address and uid (24 B) after its header.
    /// </summary>
    public const int HeaderBytes = 32, MemberBytes = 24, RecordBytes = 12, SeenBytes = 2, DigestBytes = 20, ClockEntryBytes = 24;
}
