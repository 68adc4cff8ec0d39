namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Default payload sizes of the heartbeat family, whose messages travel, as Cassandra's gossip
/// does, on TCP connections kept open between nodes: the TCP/IP headers of each segment
/// (<see cref="Wire.WireOverhead.TcpStream"/>) are added on top. Payload header 4 B (type and
/// count); Cassandra's own message framing is not modelled. A digest, and a push entry, is 15 B: 7 B endpoint + 4 B generation +
/// 4 B version (docs/references.md §2, "Digest = 7+4+4 = 15 B (IPv4)"). A state in an ACK or ACK2 is
/// 19 B [derived]: endpoint 7 + HeartBeatState (generation 4 + version 4) + 4 B count of
/// application states (none here). An ACK's requests are digests, priced at the SYN item size.
/// </summary>
public static class HeartbeatSizes
{
    public const int HeaderBytes = 4;
    public const int DigestBytes = 15;
    public const int StateBytes = 19;

    public static MessageSize[] Defaults() =>
    [
        new(HeaderBytes, DigestBytes, Tcp: true),
        new(HeaderBytes, DigestBytes, Tcp: true),
        new(HeaderBytes, StateBytes, Tcp: true),
        new(HeaderBytes, StateBytes, Tcp: true),
        new(HeaderBytes, 0, Tcp: true),
        new(HeaderBytes, 0, Tcp: true),
    ];
}
