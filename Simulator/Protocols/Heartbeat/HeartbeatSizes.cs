namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Default wire sizes of the heartbeat family. Header 32 B (20 IPv4 + 8 UDP + 4 type and count),
/// as in the rumor family. A digest, and a push entry, is 15 B: 7 B endpoint + 4 B generation +
/// 4 B version (references.md §2, "Digest = 7+4+4 = 15 B (IPv4)"). A state in an ACK or ACK2 is
/// 19 B [derived]: endpoint 7 + HeartBeatState (generation 4 + version 4) + 4 B count of
/// application states (none here). An ACK's requests are digests, priced at the SYN item size.
/// </summary>
public static class HeartbeatSizes
{
    public const int HeaderBytes = 32;
    public const int DigestBytes = 15;
    public const int StateBytes = 19;

    public static MessageSize[] Defaults() =>
    [
        new(HeaderBytes, DigestBytes),
        new(HeaderBytes, DigestBytes),
        new(HeaderBytes, StateBytes),
        new(HeaderBytes, StateBytes),
        new(HeaderBytes, 0),
        new(HeaderBytes, 0),
    ];
}
