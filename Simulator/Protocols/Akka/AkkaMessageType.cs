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

    public static readonly IReadOnlyList<string> Names = ["heartbeat", "heartbeat_rsp", "gossip"];

    /// <summary>
    /// Bytes [assumed, not measured from Akka's serializers]: 32 B of header for a heartbeat or its
    /// answer; a gossip carries 24 B per member (address, uid, status, version) and 12 B per
    /// unreachable record, after its 32 B header.
    /// </summary>
    public const int HeaderBytes = 32, MemberBytes = 24, RecordBytes = 12;
}
