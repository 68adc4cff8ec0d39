namespace GossipSim.Simulator.Protocols.Wire;

/// <summary>
/// What memberlist wraps around its messages when gossip encryption (a <c>SecretKey</c> in its
/// keyring) or a cluster <c>Label</c> is set. Encryption is AES-GCM at encryption version 1 (every
/// protocol version from 2, memberlist's default): a version byte, a 12-byte nonce and a 16-byte tag
/// around the message, no padding (security.go <c>encryptOverhead</c>, <c>encryptedLength</c>). A
/// packet is encrypted whole, after its CRC (net.go <c>rawSendMsgPacket</c>); a stream message gets
/// the <c>encryptMsg</c> type byte and a 4-byte length before that (<c>encryptLocalState</c>). A label
/// adds a type byte, a length byte and its text before every packet, and once before the first
/// message of a connection the node dials (label.go <c>AddLabelHeaderToPacket</c>,
/// <c>AddLabelHeaderToStream</c>, transport.go <c>labelWrappedTransport</c>); the side that accepts a
/// connection writes none. Both are fixed additions, so a message's size adds them to its unsealed size.
/// </summary>
public readonly record struct MemberlistSealing(bool Encrypted, int LabelBytes)
{
    /// <summary>memberlist's encryptOverhead at encryption version 1: version byte, nonce and tag.</summary>
    public const int EncryptionBytes = 1 + 12 + 16;

    /// <summary>The encryptMsg type byte and the 4-byte length an encrypted stream message starts with.</summary>
    private const int EncryptedStreamHeaderBytes = 1 + 4;

    /// <summary>Longest label memberlist accepts (LabelMaxSize): its length travels in one byte.</summary>
    public const int MaxLabelBytes = 255;

    /// <summary>labelOverhead: the hasLabelMsg type byte, the length byte and the label; nothing without one.</summary>
    public int LabelHeaderBytes => LabelBytes == 0 ? 0 : 2 + LabelBytes;

    /// <summary>
    /// What every packet gains, which is also what memberlist takes off the budget it packs broadcasts
    /// into (net.go <c>sendMsg</c>, state.go <c>gossip</c>: UDPBufferSize less labelOverhead and encryptOverhead).
    /// </summary>
    public int PacketBytes => LabelHeaderBytes + (Encrypted ? EncryptionBytes : 0);

    /// <summary>What one message written on a stream gains (<c>rawSendMsgStream</c>).</summary>
    public int StreamMessageBytes => Encrypted ? EncryptedStreamHeaderBytes + EncryptionBytes : 0;

    /// <summary>What a connection carries ahead of its first message: the label header, on the dialer's side only.</summary>
    public int ConnectionHeaderBytes(bool dialer) => dialer ? LabelHeaderBytes : 0;
}
