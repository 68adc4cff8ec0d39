namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// Default wire sizes of the rumor family: a 32-byte header (20 IPv4 + 8 UDP + 4 type and
/// count) and 12 bytes per entry (4-byte origin id, 8-byte version). Scenarios override them
/// per type under <c>network.sizes</c>.
/// </summary>
public static class RumorSizes
{
    public static MessageSize[] Defaults()
    {
        var sizes = new MessageSize[RumorMessageType.Names.Count];
        Array.Fill(sizes, new MessageSize(32, 12));
        return sizes;
    }
}
