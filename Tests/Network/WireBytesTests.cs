using System.Text;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Tests.Network;

/// <summary>
/// Bytes on the wire: memberlist's encodings against bytes written by hand from its message
/// structs (net.go), Go's LZW writer against lengths derived by hand, and the transport headers
/// every protocol's messages carry.
/// </summary>
public class WireBytesTests
{
    private static byte[] Str(string s) => [(byte)(0xa0 | s.Length), .. Encoding.ASCII.GetBytes(s)];

    [Test]
    public void Ping_IsMemberlistsMsgpackOfItsFiveFields()
    {
        // pingMsg (0), fixmap of 5, SeqNo as uint32 (0xce), Node, SourceAddr as 4 raw bytes,
        // SourcePort as uint16 (0xcd, 7946), SourceNode.
        byte[] expected =
        [
            0x00, 0x85, .. Str("SeqNo"), 0xce, 0x00, 0x01, 0x11, 0x70, .. Str("Node"), .. Str(MemberlistWire.Name(1)),
            .. Str("SourceAddr"), 0xa4, 10, 0, 0, 0, .. Str("SourcePort"), 0xcd, 0x1f, 0x0a, .. Str("SourceNode"), .. Str(MemberlistWire.Name(0)),
        ];
        Assert.That(MemberlistWire.Encode(MemberlistWire.Ping, 70_000), Is.EqualTo(expected));
        Assert.That(expected, Has.Length.EqualTo(SwimSizes.Ping), "the packing budget's ping size");
    }

    [Test]
    public void SuspectAndAck_AreMemberlistsMsgpack()
    {
        byte[] suspect = [0x03, 0x83, .. Str("Incarnation"), 0x01, .. Str("Node"), .. Str(MemberlistWire.Name(2)), .. Str("From"), .. Str(MemberlistWire.Name(0))];
        var update = new SwimMemberUpdate(9, SwimMemberState.Suspect, 1, 0);
        Assert.That(MemberlistWire.Encode(update, 0, 2, 0), Is.EqualTo(suspect));
        Assert.That(suspect, Has.Length.EqualTo(SwimSizes.Suspect));
        // ackResp{SeqNo, Payload}: a small sequence number is a positive fixint; no payload is nil.
        byte[] ack = [0x02, 0x82, .. Str("SeqNo"), 0x05, .. Str("Payload"), 0xc0];
        Assert.That(MemberlistWire.Encode(MemberlistWire.Ack, 5), Is.EqualTo(ack));
    }

    [Test]
    public void GoLzw_TobeVector_IsTheReaderVectorPlusTheWritersLeadingClear()
    {
        // Go's reader test decodes "TOBEORNOTTOBEORTOBEORNOT" (LSB, 8) from 17 nine-bit codes in
        // 20 bytes; the writer sends a clear code first, so 18 codes, 162 bits, 21 bytes.
        Assert.That(GoLzw.CompressedLength(Encoding.ASCII.GetBytes("TOBEORNOTTOBEORTOBEORNOT")), Is.EqualTo(21));
        // Empty input: the clear and the end code, 18 bits.
        Assert.That(GoLzw.CompressedLength([]), Is.EqualTo(3));
        // "ABABABA": clear, A, B, AB, ABA, end: 6 codes of 9 bits, 54 bits.
        Assert.That(GoLzw.CompressedLength(Encoding.ASCII.GetBytes("ABABABA")), Is.EqualTo(7));
    }

    [Test]
    public void GoLzw_CodesWidenWhenTheNextCodeReachesAPowerOfTwo()
    {
        // 256 distinct bytes: no pair repeats, so the clear and 255 codes of 9 bits go out while
        // the next code climbs from 258 to 512, where the width becomes 10; the last literal and
        // the end code are 10 bits: 9 + 255 x 9 + 2 x 10 = 2,324 bits, 291 bytes.
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.That(GoLzw.CompressedLength(bytes), Is.EqualTo(291));
    }

    [Test]
    public void Packet_AddsCrcOnlyWhereAsked_AndUdpHeadersAlways()
    {
        var none = new List<SwimMemberUpdate>();
        var suspect = new List<SwimMemberUpdate> { new(9, SwimMemberState.Suspect, 1, 0) };
        Assert.Multiple(() =>
        {
            Assert.That(MemberlistWire.Packet(MemberlistWire.Ping, 70_000, none, 0, crc: false, compression: false), Is.EqualTo(81 + 28));
            // Gossip of one suspect, sent raw with the node in hand: CRC header added.
            Assert.That(MemberlistWire.Packet(MemberlistWire.None, 0, suspect, 0, crc: true, compression: false), Is.EqualTo(47 + 5 + 28));
            // Buddy ping: compound of ping and suspect (type, count, two lengths), CRC.
            Assert.That(MemberlistWire.Packet(MemberlistWire.Ping, 70_000, suspect, 0, crc: true, compression: false), Is.EqualTo(2 + 4 + 81 + 47 + 5 + 28));
        });
    }

    [Test]
    public void Packet_Compressed_OnlyWhenSmaller()
    {
        var none = new List<SwimMemberUpdate>();
        var many = Enumerable.Range(0, 20).Select(i => new SwimMemberUpdate(i, SwimMemberState.Dead, 1, 0)).ToList();
        int rawPing = MemberlistWire.Encode(MemberlistWire.Ping, 70_000).Length;
        int compressedPing = MemberlistWire.Compressed(MemberlistWire.Encode(MemberlistWire.Ping, 70_000));
        int compound = MemberlistWire.Packet(MemberlistWire.None, 0, many, 0, crc: true, compression: true);
        int compoundRaw = MemberlistWire.Packet(MemberlistWire.None, 0, many, 0, crc: true, compression: false);
        Assert.Multiple(() =>
        {
            Assert.That(MemberlistWire.Packet(MemberlistWire.Ping, 70_000, none, 0, false, true), Is.EqualTo(Math.Min(rawPing, compressedPing) + 28));
            Assert.That(compoundRaw, Is.EqualTo(2 + 20 * (2 + 47) + 5 + 28));
            Assert.That(compound, Is.LessThan(compoundRaw * 0.6), "twenty dead messages repeat their field names: LZW takes more than 40% off");
        });
    }

    [Test]
    public void Packet_SizeOfAShape_DoesNotDependOnTheSequenceNumberWithinItsWidth()
    {
        // Sizes are cached by shape, so whichever packet of a shape comes first fixes the size for
        // the whole process: it must not depend on that packet's own sequence number, or a run's
        // bytes would depend on the runs before it.
        var parts = Enumerable.Range(0, 6).Select(i => new SwimMemberUpdate(i, i % 2 == 0 ? SwimMemberState.Suspect : SwimMemberState.Alive, 1, 0)).ToList();
        foreach (var (from, to) in new[] { (0L, 127L), (128L, 255L), (256L, 65_535L), (65_536L, 4_000_000_000L) })
        {
            var sizes = Enumerable.Range(0, 200).Select(k => from + (to - from) * k / 199)
                .Select(seq => MemberlistWire.Compute(MemberlistWire.Ping, seq, parts, 0, crc: true, compression: true))
                .Distinct().ToList();
            Assert.That(sizes, Has.Count.EqualTo(1), $"sequence numbers {from}-{to}");
        }
    }

    [Test]
    public void Packet_Sealed_GainsTheLabelHeaderAndTheEncryptionAroundIt()
    {
        // A lone ack (22 B, no CRC) and a gossiped suspect (47 B + 5 B CRC), raw: a label "dc1"
        // adds hasLabelMsg, its length and 3 letters; a key adds version byte, nonce and tag.
        var none = new List<SwimMemberUpdate>();
        var suspect = new List<SwimMemberUpdate> { new(9, SwimMemberState.Suspect, 1, 0) };
        var label = new MemberlistSealing(Encrypted: false, LabelBytes: 3);
        var key = new MemberlistSealing(Encrypted: true, LabelBytes: 0);
        var both = new MemberlistSealing(Encrypted: true, LabelBytes: 3);
        Assert.Multiple(() =>
        {
            Assert.That(MemberlistWire.Packet(MemberlistWire.Ack, 70_000, none, 0, crc: false, compression: false, label), Is.EqualTo(22 + 5 + 28));
            Assert.That(MemberlistWire.Packet(MemberlistWire.Ack, 70_000, none, 0, crc: false, compression: false, key), Is.EqualTo(22 + 29 + 28));
            Assert.That(MemberlistWire.Packet(MemberlistWire.None, 0, suspect, 0, crc: true, compression: false, both), Is.EqualTo(47 + 5 + 29 + 5 + 28));
            Assert.That(both.PacketBytes, Is.EqualTo(34), "what the packing budget gives up");
        });
    }

    [Test]
    public void Streams_Sealed_EveryMessageEncrypted_LabelOnlyFromTheDialer()
    {
        var both = new MemberlistSealing(Encrypted: true, LabelBytes: 3);
        int ping = MemberlistWire.Encode(MemberlistWire.Ping, 5).Length;
        int ack = MemberlistWire.Encode(MemberlistWire.Ack, 5).Length;
        // A push-pull of 2,000 rows, raw, takes many segments: the sealing's bytes count before the stream is cut.
        int dump = MemberlistWire.PushPullStream(2_000, 0, 0, compression: false);
        Assert.Multiple(() =>
        {
            Assert.That(MemberlistWire.PingStream(MemberlistWire.Ping, 5, compression: false, dialer: true, both),
                Is.EqualTo(WireOverhead.TcpConnection(5 + ping + 34, dialer: true)));
            Assert.That(MemberlistWire.PingStream(MemberlistWire.Ack, 5, compression: false, dialer: false, both),
                Is.EqualTo(WireOverhead.TcpConnection(ack + 34, dialer: false)));
            Assert.That(MemberlistWire.PushPull(2_000, 0, 0, dialer: true, compression: false, both),
                Is.EqualTo(WireOverhead.TcpConnection(5 + dump + 34, dialer: true)));
            Assert.That(MemberlistWire.PushPull(2_000, 0, 0, dialer: false, compression: false),
                Is.EqualTo(WireOverhead.TcpConnection(dump, dialer: false)), "unsealed: as before");
        });
    }

    [Test]
    public void TcpPing_IsACompressedStreamMessageOnAConnectionOfItsOwn()
    {
        // memberlist sends every stream message through rawSendMsgStream, compressed whenever
        // compression is on; the pinger opens the connection, the target answers on it.
        int ping = MemberlistWire.Compressed(MemberlistWire.Encode(MemberlistWire.Ping, 5));
        int ack = MemberlistWire.Compressed(MemberlistWire.Encode(MemberlistWire.Ack, 5));
        Assert.Multiple(() =>
        {
            Assert.That(MemberlistWire.PingStream(MemberlistWire.Ping, 5, compression: true, dialer: true), Is.EqualTo(WireOverhead.TcpConnection(ping, dialer: true)));
            Assert.That(MemberlistWire.PingStream(MemberlistWire.Ack, 5, compression: true, dialer: false), Is.EqualTo(WireOverhead.TcpConnection(ack, dialer: false)));
            Assert.That(MemberlistWire.PingStream(MemberlistWire.Ping, 5, compression: false, dialer: true), Is.EqualTo(WireOverhead.TcpConnection(MemberlistWire.Encode(MemberlistWire.Ping, 5).Length, dialer: true)));
            Assert.That(MemberlistWire.PingStream(MemberlistWire.Ping, 5, compression: true, dialer: true),
                Is.GreaterThan(MemberlistWire.Packet(MemberlistWire.Ping, 5, [], 0, crc: false, compression: true) + 2 * 52),
                "a connection of its own costs far more than the datagram");
        });
    }

    [Test]
    public void PushPull_StreamIsHeaderAndRows_CompressedAlways_OnItsOwnConnection()
    {
        // pushPullHeader{Nodes: 1200 (0xcd), UserStateLen: 0, Join: false} after the type byte: 31 B; 72 B a row.
        int raw = MemberlistWire.PushPullStream(1200, 0, 0, compression: false);
        int compressed = MemberlistWire.PushPullStream(1200, 0, 0, compression: true);
        Assert.Multiple(() =>
        {
            Assert.That(raw, Is.EqualTo(31 + 72 * 1200));
            Assert.That(compressed, Is.LessThan(raw / 2));
            int segments = (compressed + 1447) / 1448;
            Assert.That(MemberlistWire.PushPull(1200, 0, 0, dialer: true, compression: true), Is.EqualTo(compressed + 52 * segments + 60 + 3 * 52));
            Assert.That(MemberlistWire.PushPull(1200, 0, 0, dialer: false, compression: true), Is.EqualTo(compressed + 52 * segments + 60 + 2 * 52));
        });
    }

    [Test]
    public void PushPull_AboveTheExactRange_GrowsAtTheMeasuredRate()
    {
        int at4096 = MemberlistWire.PushPullStream(4096, 0, 0, true);
        int at8192 = MemberlistWire.PushPullStream(8192, 0, 0, true);
        int exact8192 = MemberlistWire.Compressed(RawPushPull(8192));
        Assert.That(at8192, Is.GreaterThan(at4096));
        Assert.That(Math.Abs(at8192 - exact8192), Is.LessThan(exact8192 * 0.02), "the extrapolation is within 2% of compressing all rows");
    }

    [Test]
    public void MessageSize_UdpAddsIpAndUdp_TcpAddsAHeaderPerSegment()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new MessageSize(4, 12).Of(10), Is.EqualTo(4 + 120 + 28));
            Assert.That(new MessageSize(4, 15, Tcp: true).Of(10), Is.EqualTo(4 + 150 + 52));
            // 1200 digests of 15 B: 18,004 B in 13 segments of at most 1448.
            Assert.That(new MessageSize(4, 15, Tcp: true).Of(1200), Is.EqualTo(18_004 + 13 * 52));
        });
    }

    private static byte[] RawPushPull(int rows)
    {
        // The uncompressed stream, re-encoded here row by row from the same fields.
        var m = new Msgpack().Byte(6).Map(3).Key("Nodes").Uint(rows).Key("UserStateLen").Uint(0).Key("Join").Bool(false);
        for (int i = 0; i < rows; i++)
            m.Map(7).Key("Name").Str(MemberlistWire.Name(i)).Key("Addr").Raw(new byte[] { 10, (byte)(i >> 16), (byte)(i >> 8), (byte)i }).Key("Port").Uint(7946)
                .Key("Meta").Raw([]).Key("Incarnation").Uint(1).Key("State").Uint(0).Key("Vsn").Raw(new byte[] { 1, 5, 2, 0, 0, 0 });
        return m.ToArray();
    }
}
