namespace GossipSim.Simulator.Protocols.Wire;

/// <summary>
/// Transport bytes every protocol's messages carry on the wire (docs/analysis.md, "Bytes on the
/// wire"), IPv4 throughout. A UDP datagram carries the 20-byte IP and 8-byte UDP headers. A TCP
/// segment carries 20 bytes of IP and 20 of TCP plus the 12-byte timestamp option Linux sends by
/// default; a stream is cut into segments of at most 1448 payload bytes (a 1500-byte Ethernet
/// MTU less those 52). A new connection adds its handshake and close, each side's share: the
/// SYN or SYN-ACK (40 header bytes and 20 of options: MSS, SACK, timestamps, window scale) and,
/// for the side that dials, the ACK that completes the handshake, then each side's FIN and its
/// ACK of the other's FIN. Pure ACKs of data are left out: in a request and its reply each ACK
/// rides on the next data segment, and only transfers longer than two segments would add one
/// 52-byte ACK per two segments received.
/// </summary>
public static class WireOverhead
{
    public const int UdpIpBytes = 28;
    public const int TcpIpBytes = 52;
    public const int TcpMaxSegment = 1448;
    public const int SynBytes = 60;

    public static int UdpDatagram(int payloadBytes) => payloadBytes + UdpIpBytes;

    /// <summary>Payload plus one TCP/IP header per segment, on a connection already open.</summary>
    public static int TcpStream(int payloadBytes) => payloadBytes + TcpIpBytes * Math.Max(1, (payloadBytes + TcpMaxSegment - 1) / TcpMaxSegment);

    /// <summary>
    /// Linux's SYN schedule (net/ipv4: TCP_TIMEOUT_INIT 1 s, doubled at each retransmission,
    /// tcp_syn_retries 6): the times from the dial's start at which it sends a SYN, in seconds.
    /// </summary>
    private static readonly int[] SynTimesS = [0, 1, 3, 7, 15, 31, 63];

    /// <summary>
    /// The bytes a dial that never connects puts on the wire: one SYN where the host refuses it
    /// (nothing listens: it answers with a reset), else the SYN and every retransmission of it sent
    /// before the dial's timeout, as no answer comes (a crashed host, or a cut network).
    /// </summary>
    public static int FailedDial(long timeoutUs, bool refused)
    {
        if (refused) return SynBytes;
        int syns = 0;
        foreach (int s in SynTimesS)
            if (s * 1_000_000L < Math.Max(timeoutUs, 1)) syns++;
        return syns * SynBytes;
    }

    /// <summary>A stream on a connection of its own: its segments plus this side's share of opening and closing it.</summary>
    public static int TcpConnection(int payloadBytes, bool dialer) =>
        TcpStream(payloadBytes) + SynBytes + 2 * TcpIpBytes + (dialer ? TcpIpBytes : 0);
}
