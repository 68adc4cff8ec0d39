using System.Collections.Concurrent;
using GossipSim.Simulator.Protocols.Swim;

namespace GossipSim.Simulator.Protocols.Wire;

/// <summary>
/// Bytes memberlist puts on the wire for a packet or a push-pull (net.go, util.go of
/// hashicorp/memberlist v0.6.0): the msgpack of each message (<see cref="Msgpack"/>), a
/// compound (type byte, part count, a 16-bit length per part) when a packet carries more than
/// one, LZW compression when enabled (<c>EnableCompression</c>, on by default): a packet is
/// sent compressed only when that is smaller, a push-pull stream always; the 5-byte CRC header
/// only where memberlist adds it (a packet sent with the destination node in hand: gossip and
/// the buddy ping to a suspect; <c>sendMsg</c>'s pings, acks, ping-reqs and nacks go without,
/// as their address does not name a node); encryption and a label when set
/// (<see cref="MemberlistSealing"/>); then UDP or TCP overhead (<see cref="WireOverhead"/>).
/// Sizes depend on the shape of a message, not its numbers, so each shape is encoded and
/// compressed once, from a representative of it: node names of 10 characters (<see cref="Name"/>;
/// the sender node 0, the probed node 1, the subjects of the parts 2, 3, ...), IPv4 addresses, port 7946, incarnation 1, a sequence number of the real one's
/// encoded width. A push-pull's rows are all alive; above 4,096 rows the compressed length
/// grows by the measured per-row length of rows 2,049 to 4,096 (LZW restarts its table every
/// 3,839 codes, so a long stream compresses block by block at a steady rate).
/// </summary>
public static class MemberlistWire
{
    // memberlist's messageType values.
    private const byte PingMsg = 0, IndirectPingMsg = 1, AckRespMsg = 2, SuspectMsg = 3, AliveMsg = 4, DeadMsg = 5, PushPullMsg = 6,
        CompoundMsg = 7, NackRespMsg = 11;

    public const int CrcBytes = 5;
    private const int Port = 7946;
    private const int ExactRows = 4096;

    private static readonly ConcurrentDictionary<(ulong, ulong, ulong, int), int> Packets = new();
    private static readonly ConcurrentDictionary<(int, int, int), int> States = new();
    /// <summary>Sizes of packets with no broadcasts, by primary, sequence width, CRC and compression; 0 until computed (a size is a pure function of its slot, so racing threads write the same value).</summary>
    private static readonly int[] Lone = new int[5 * 4 * 2 * 2];
    /// <summary>Stream bytes of a ping or ack (the TCP fallback ping), by primary, sequence width and compression; 0 until computed.</summary>
    private static readonly int[] Streamed = new int[5 * 4 * 2];

    /// <summary>
    /// Primary message kinds: the single message of a packet, or the first part of a compound. The one
    /// numbering of them: <see cref="SwimNode"/> sends, tags and dispatches its messages by these.
    /// </summary>
    public const int None = 0, Ping = 1, PingReq = 2, Ack = 3, Nack = 4;

    /// <summary>
    /// The UDP datagram of a packet: an optional primary message with sequence number
    /// <paramref name="seq"/>, then the broadcasts <paramref name="parts"/> (a compound when
    /// there is more than one message).
    /// </summary>
    public static int Packet(int primary, long seq, List<SwimMemberUpdate> parts, int metaSizeBytes, bool crc, bool compression,
        MemberlistSealing sealing = default) =>
        Unsealed(primary, seq, parts, metaSizeBytes, crc, compression) + sealing.PacketBytes;

    /// <summary>A packet's datagram without encryption or a label, cached by shape.</summary>
    private static int Unsealed(int primary, long seq, List<SwimMemberUpdate> parts, int metaSizeBytes, bool crc, bool compression)
    {
        if (parts.Count == 0)
        {
            // Most packets are a lone ping or ack: a flat table of their 80 shapes, no hashing.
            int slot = (ShapeOf(primary, seq) * 2 + (crc ? 1 : 0)) * 2 + (compression ? 1 : 0);
            int known = Volatile.Read(ref Lone[slot]);
            if (known > 0) return known;
            known = Compute(primary, seq, parts, metaSizeBytes, crc, compression);
            Volatile.Write(ref Lone[slot], known);
            return known;
        }
        // A shape key: 3 bits a part (state, and whether it carries meta) across three words.
        if (parts.Count > 60) return Compute(primary, seq, parts, metaSizeBytes, crc, compression);
        ulong a = 0, b = 0, c = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            ulong code = (ulong)(1 + (int)parts[i].State + (parts[i].MetaBytes(metaSizeBytes) > 0 ? 3 : 0));
            if (i < 20) a |= code << (3 * i);
            else if (i < 40) b |= code << (3 * (i - 20));
            else c |= code << (3 * (i - 40));
        }
        c |= (ulong)primary << 60 | (ulong)UintWidth(seq) << 57 | (crc ? 1UL : 0) << 56 | (compression ? 1UL : 0) << 55;
        var key = (a, b, c, metaSizeBytes);
        if (Packets.TryGetValue(key, out int bytes)) return bytes;
        bytes = Compute(primary, seq, parts, metaSizeBytes, crc, compression);
        Packets.TryAdd(key, bytes);
        return bytes;
    }

    /// <summary>
    /// The bytes one side of memberlist's TCP fallback ping puts on the wire: the ping (or the ack
    /// that answers it) as a stream message, LZW-compressed whenever compression is on, as
    /// rawSendMsgStream sends every stream message, on a connection of its own that the pinger
    /// opens (sendPingAndWaitForAck) and the target answers on (handleConn).
    /// </summary>
    public static int PingStream(int primary, long seq, bool compression, bool dialer, MemberlistSealing sealing = default)
    {
        int slot = ShapeOf(primary, seq) * 2 + (compression ? 1 : 0);
        int known = Volatile.Read(ref Streamed[slot]);
        if (known == 0)
        {
            byte[] raw = Representative(primary, seq).ToArray();
            known = compression ? Compressed(raw) : raw.Length;
            Volatile.Write(ref Streamed[slot], known);
        }
        return Connection(known, dialer, sealing);
    }

    /// <summary>The bytes one side of a push-pull puts on the wire: its state dump on a TCP connection of its own.</summary>
    public static int PushPull(int members, int rowsWithMeta, int metaSizeBytes, bool dialer, bool compression, MemberlistSealing sealing = default) =>
        Connection(PushPullStream(members, rowsWithMeta, metaSizeBytes, compression), dialer, sealing);

    /// <summary>One message on a connection of its own, sealed as set: the label ahead of it if this side dialed, its encryption around it.</summary>
    private static int Connection(int messageBytes, bool dialer, MemberlistSealing sealing) =>
        WireOverhead.TcpConnection(sealing.ConnectionHeaderBytes(dialer) + messageBytes + sealing.StreamMessageBytes, dialer);

    /// <summary>The stream memberlist writes for a push-pull: header and rows, LZW-compressed when compression is on.</summary>
    public static int PushPullStream(int members, int rowsWithMeta, int metaSizeBytes, bool compression) =>
        compression ? Wrapped(PushPullLzw(members, Math.Min(rowsWithMeta, members), metaSizeBytes)) : PushPullRaw(members, rowsWithMeta, metaSizeBytes).Length;

    private static int PushPullLzw(int members, int rowsWithMeta, int metaSizeBytes)
    {
        if (members <= ExactRows)
            return States.GetOrAdd((members, rowsWithMeta, metaSizeBytes), k => GoLzw.CompressedLength(PushPullRaw(k.Item1, k.Item2, k.Item3)));
        // Beyond the exact range: the first ExactRows rows plus the steady per-row rate of the second half of them.
        int withMeta = (int)((long)rowsWithMeta * ExactRows / members);
        int full = PushPullLzw(ExactRows, withMeta, metaSizeBytes);
        int half = PushPullLzw(ExactRows / 2, withMeta / 2, metaSizeBytes);
        return full + (int)Math.Round((full - half) / (double)(ExactRows / 2) * (members - ExactRows));
    }

    /// <summary>The message alone, encoded as memberlist encodes it (type byte and msgpack), for tests and the uncompressed budget.</summary>
    public static byte[] Encode(int primary, long seq) => Primary(primary, seq).ToArray();

    public static byte[] Encode(in SwimMemberUpdate update, int metaSizeBytes, int nameId, int fromId) => Update(update, metaSizeBytes, nameId, fromId).ToArray();

    /// <summary>The bytes of a compress{} message wrapping the LZW stream of <paramref name="raw"/>.</summary>
    public static int Compressed(byte[] raw) => Wrapped(GoLzw.CompressedLength(raw));

    /// <summary>compressMsg's type byte (9), map of 2, "Algo" and lzwAlgo (0), "Buf" and the LZW stream as raw bytes.</summary>
    private static int Wrapped(int lzwBytes) => 1 + 1 + Msgpack.RawBytes(4) + 1 + Msgpack.RawBytes(3) + Msgpack.RawBytes(lzwBytes);

    /// <summary>
    /// Node i's name: "node" and six letters and digits drawn from a hash of i. Names that share
    /// no more than their prefix give the compressor no run of digits to feed on, so compressed
    /// sizes err large rather than small (a cluster of web-0001, web-0002, ... compresses better).
    /// </summary>
    public static string Name(int id)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        ulong hash = global::GossipSim.Simulator.Random.SplitMix64.Mix((ulong)id);
        var name = new char[10];
        "node".CopyTo(name);
        for (int i = 4; i < 10; i++)
        {
            name[i] = alphabet[(int)(hash % 36)];
            hash /= 36;
        }
        return new string(name);
    }

    /// <summary>The size <see cref="Packet"/> caches for this shape, computed afresh.</summary>
    internal static int Compute(int primary, long seq, List<SwimMemberUpdate> parts, int metaSizeBytes, bool crc, bool compression)
    {
        var messages = new List<byte[]>(parts.Count + 1);
        if (primary != None) messages.Add(Representative(primary, seq).ToArray());
        for (int i = 0; i < parts.Count; i++) messages.Add(Update(parts[i], metaSizeBytes, 2 + i, 0).ToArray());
        byte[] raw = messages.Count == 1 ? messages[0] : CompoundOf(messages);
        int bytes = raw.Length;
        if (compression) bytes = Math.Min(bytes, Compressed(raw));
        return WireOverhead.UdpDatagram(bytes + (crc ? CrcBytes : 0));
    }

    private static byte[] CompoundOf(List<byte[]> messages)
    {
        var compound = new Msgpack().Byte(CompoundMsg).Byte(messages.Count);
        foreach (var m in messages) compound.Byte(m.Length >> 8).Byte(m.Length);
        foreach (var m in messages) compound.Append(m);
        return compound.ToArray();
    }

    private static Msgpack Primary(int primary, long seq)
    {
        var m = new Msgpack();
        switch (primary)
        {
            case Ping:
                // ping{SeqNo, Node, SourceAddr, SourcePort, SourceNode}
                return m.Byte(PingMsg).Map(5).Key("SeqNo").Uint(seq).Key("Node").Str(Name(1))
                    .Key("SourceAddr").Raw(Address(0)).Key("SourcePort").Uint(Port).Key("SourceNode").Str(Name(0));
            case PingReq:
                // indirectPingReq{SeqNo, Target, Port, Node, Nack, SourceAddr, SourcePort, SourceNode}
                return m.Byte(IndirectPingMsg).Map(8).Key("SeqNo").Uint(seq).Key("Target").Raw(Address(1)).Key("Port").Uint(Port)
                    .Key("Node").Str(Name(1)).Key("Nack").Bool(true)
                    .Key("SourceAddr").Raw(Address(0)).Key("SourcePort").Uint(Port).Key("SourceNode").Str(Name(0));
            case Ack:
                // ackResp{SeqNo, Payload}: no payload, a nil slice.
                return m.Byte(AckRespMsg).Map(2).Key("SeqNo").Uint(seq).Key("Payload").Nil();
            default:
                return m.Byte(NackRespMsg).Map(1).Key("SeqNo").Uint(seq);
        }
    }

    private static Msgpack Update(in SwimMemberUpdate update, int metaSizeBytes, int nameId, int fromId)
    {
        var m = new Msgpack();
        if (update.State == SwimMemberState.Alive)
        {
            // alive{Incarnation, Node, Addr, Port, Meta, Vsn}
            return m.Byte(AliveMsg).Map(6).Key("Incarnation").Uint(1).Key("Node").Str(Name(nameId)).Key("Addr").Raw(Address(nameId))
                .Key("Port").Uint(Port).Key("Meta").Raw(Meta(nameId, update.MetaBytes(metaSizeBytes))).Key("Vsn").Raw(Versions);
        }
        // suspect and dead{Incarnation, Node, From}
        byte type = update.State == SwimMemberState.Suspect ? SuspectMsg : DeadMsg;
        return m.Byte(type).Map(3).Key("Incarnation").Uint(1).Key("Node").Str(Name(nameId)).Key("From").Str(Name(fromId));
    }

    private static byte[] PushPullRaw(int members, int rowsWithMeta, int metaSizeBytes)
    {
        // pushPullMsg, pushPullHeader{Nodes, UserStateLen, Join}, then one pushNodeState per member.
        var m = new Msgpack().Byte(PushPullMsg).Map(3).Key("Nodes").Uint(members).Key("UserStateLen").Uint(0).Key("Join").Bool(false);
        for (int i = 0; i < members; i++)
        {
            m.Map(7).Key("Name").Str(Name(i)).Key("Addr").Raw(Address(i)).Key("Port").Uint(Port)
                .Key("Meta").Raw(Meta(i, i < rowsWithMeta ? metaSizeBytes : 0)).Key("Incarnation").Uint(1).Key("State").Uint(0).Key("Vsn").Raw(Versions);
        }
        return m.ToArray();
    }

    /// <summary>Protocol versions min, max, current, then delegate versions: memberlist's Vsn.</summary>
    private static readonly byte[] Versions = [1, 5, 2, 0, 0, 0];

    private static byte[] Address(int id) => [10, (byte)(id >> 16), (byte)(id >> 8), (byte)id];

    /// <summary>Ring meta: token bytes, which look random to a compressor, so drawn from a fixed hash of the node.</summary>
    private static byte[] Meta(int id, int length)
    {
        var bytes = new byte[length];
        ulong state = (ulong)id * 0x9E3779B97F4A7C15UL + 1;
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)global::GossipSim.Simulator.Random.SplitMix64.Next(ref state);
        }
        return bytes;
    }

    /// <summary>A message's shape in the size tables: its primary kind and its sequence number's encoded width.</summary>
    private static int ShapeOf(int primary, long seq) => primary * 4 + UintWidth(seq);

    /// <summary>
    /// The primary message with its shape's representative sequence number, never the packet's own:
    /// sizes are cached by shape, and a cached size that depended on whichever packet came first
    /// would make a run's bytes depend on what the process ran before it.
    /// </summary>
    private static Msgpack Representative(int primary, long seq) => Primary(primary, RepresentativeOfWidth[UintWidth(seq)]);

    /// <summary>One sequence number for each encoded width <see cref="UintWidth"/> tells apart.</summary>
    private static readonly long[] RepresentativeOfWidth = [1, 200, 40_000, 3_000_000_000];

    private static int UintWidth(long value) => value < 0x80 ? 0 : value <= byte.MaxValue ? 1 : value <= ushort.MaxValue ? 2 : 3;
}
