namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// Wire types of the swim family, for bandwidth by type. A packet that carries more than one
/// message (a ping with piggybacked broadcasts, a buddy ping+suspect, several broadcasts from
/// gossip) is a <see cref="Compound"/>, as in memberlist; alive/suspect/dead name a broadcast sent alone.
/// </summary>
public static class SwimMessageType
{
    public const int Ping = 0;
    public const int PingReq = 1;
    public const int Ack = 2;
    public const int Nack = 3;
    public const int Suspect = 4;
    public const int Alive = 5;
    public const int Dead = 6;
    public const int Compound = 7;
    public const int PushPull = 8;

    public static readonly IReadOnlyList<string> Names = ["ping", "ping_req", "ack", "nack", "suspect", "alive", "dead", "compound", "push_pull"];
}
