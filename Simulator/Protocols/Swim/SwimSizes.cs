namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// Bytes per memberlist message (docs/references.md §1 "Types (net.go) and sizes": msgpack with field
/// names, 10-character node names, IPv4, uncompressed, unencrypted, no label). These are UDP/TCP
/// payload bytes: IP and transport headers are not added, as memberlist's own budget does not count them.
/// </summary>
public static class SwimSizes
{
    public const int Ping = 81;
    public const int IndirectPing = 107;
    public const int Ack = 22;
    public const int Nack = 13;
    public const int Suspect = 47;
    public const int Alive = 66;
    public const int Dead = 47;
    /// <summary>One node's row in a push-pull state dump (docs/references.md §1: ≈72 B per node).</summary>
    public const int PushPullPerNode = 72;
    /// <summary>
    /// Type byte plus the msgpack pushPullHeader {Nodes, UserStateLen, Join} with field names:
    /// 1 + 1 (map) + 6+3 + 13+1 + 5+1 ≈ 31 B [derived here, not measured].
    /// </summary>
    public const int PushPullHeader = 31;
    /// <summary>Compound header: type byte and part count (memberlist compoundHeaderOverhead = 2).</summary>
    public const int CompoundHeader = 2;
    /// <summary>Per part of a compound: a uint16 length (memberlist compoundOverhead = 2).</summary>
    public const int CompoundPart = 2;
    /// <summary>hasCrc type byte and CRC32, added to every packet for receivers with protocol ≥ 5, outside the budget.</summary>
    public const int Crc = 5;

    public static int OfUpdate(SwimMemberState state) => state == SwimMemberState.Alive ? Alive : state == SwimMemberState.Suspect ? Suspect : Dead;

    /// <summary>An update's bytes: its message, plus the ring meta an alive carries (alive ≈ 66 B + meta, docs/references.md §1).</summary>
    public static int OfUpdate(in SwimMemberUpdate update, int metaSizeBytes) => OfUpdate(update.State) + update.MetaBytes(metaSizeBytes);

    public static int TypeOfUpdate(SwimMemberState state) =>
        state == SwimMemberState.Alive ? SwimMessageType.Alive : state == SwimMemberState.Suspect ? SwimMessageType.Suspect : SwimMessageType.Dead;
}
