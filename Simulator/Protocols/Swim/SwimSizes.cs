namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// Uncompressed bytes per memberlist message (type byte and msgpack with field names,
/// 10-character node names, IPv4, a 4-byte sequence number, a small incarnation): what
/// memberlist's packing budget counts when it fills a packet up to UDPBufferSize. The bytes a
/// packet takes on the wire (compression, CRC, IP and UDP headers) are
/// <see cref="Wire.MemberlistWire"/>'s.
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
    /// <summary>Compound header: type byte and part count (memberlist compoundHeaderOverhead = 2).</summary>
    public const int CompoundHeader = 2;
    /// <summary>Per part of a compound: a uint16 length (memberlist compoundOverhead = 2).</summary>
    public const int CompoundPart = 2;

    public static int OfUpdate(SwimMemberState state) => state == SwimMemberState.Alive ? Alive : state == SwimMemberState.Suspect ? Suspect : Dead;

    /// <summary>An update's bytes: its message, plus the ring meta an alive carries (alive ≈ 66 B + meta, docs/references.md §1).</summary>
    public static int OfUpdate(in SwimMemberUpdate update, int metaSizeBytes) => OfUpdate(update.State) + update.MetaBytes(metaSizeBytes);

    public static int TypeOfUpdate(SwimMemberState state) =>
        state == SwimMemberState.Alive ? SwimMessageType.Alive : state == SwimMemberState.Suspect ? SwimMessageType.Suspect : SwimMessageType.Dead;
}
