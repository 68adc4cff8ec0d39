namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>Message types of the heartbeat family; the numbers index <see cref="Names"/>.</summary>
public static class HeartbeatMessageType
{
    /// <summary>The full list of (member, generation, heartbeat) entries.</summary>
    public const int Push = 0;
    /// <summary>Digests (member, generation, max version) of every member the sender holds.</summary>
    public const int Syn = 1;
    /// <summary>Requests for the states the receiver lacks, plus the states the sender lacks.</summary>
    public const int Ack = 2;
    /// <summary>The states asked for in an ACK.</summary>
    public const int Ack2 = 3;

    /// <summary>Cassandra's ECHO_REQ: a node asks a member it believes dead to answer before it marks it up.</summary>
    public const int EchoReq = 4;
    /// <summary>The answer to an ECHO_REQ.</summary>
    public const int EchoRsp = 5;

    /// <summary>The names network.sizes and the bytes_TYPE_per_node_s columns use; the scenario schema holds network.sizes to them.</summary>
    public static readonly IReadOnlyList<string> Names = Scenarios.MessageTypes.Heartbeat;
}
