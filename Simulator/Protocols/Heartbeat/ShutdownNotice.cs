namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The payload that makes a push Cassandra's GOSSIP_SHUTDOWN (Gossiper.stop): the sender's own
/// state at its last version, in the message's A (incarnation) and B (heartbeat), and nothing
/// else to read, so one instance serves every message.
/// </summary>
public sealed class ShutdownNotice
{
    public static readonly ShutdownNotice Instance = new();

    private ShutdownNotice() { }
}
