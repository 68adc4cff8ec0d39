namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// Default sizes of the rumor family, one UDP datagram a message: a 4-byte payload header
/// (type and count) and 12 bytes per entry (4-byte origin id, 8-byte version); the IP and UDP
/// headers (28 B) are added on top. Scenarios override the payload sizes per type under
/// <c>network.sizes</c>.
/// </summary>
public static class RumorSizes
{
    public static MessageSize[] Defaults()
    {
        var sizes = new MessageSize[RumorMessageType.Names.Count];
        Array.Fill(sizes, new MessageSize(4, 12));
        return sizes;
    }
}
