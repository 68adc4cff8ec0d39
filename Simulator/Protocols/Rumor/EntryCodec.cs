using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// Packs a list of version entries into a message. The common single entry rides in the
/// message's own fields with no allocation; longer lists travel as an array snapshot, which
/// receivers only read.
/// </summary>
public static class EntryCodec
{
    public static void Write(ref Message message, List<VersionEntry> entries)
    {
        message.Payload = null;
        message.A = -1;
        if (entries.Count == 1)
        {
            message.A = entries[0].Origin;
            message.B = entries[0].Version;
        }
        else if (entries.Count > 1) message.Payload = entries.ToArray();
    }

    /// <summary>The whole table: several entries travel as its immutable snapshot, so no copy per message.</summary>
    public static void Write(ref Message message, VersionTable table)
    {
        message.Payload = null;
        message.A = -1;
        if (table.Count == 1)
        {
            message.A = table[0].Origin;
            message.B = table[0].Version;
        }
        else if (table.Count > 1) message.Payload = table.Snapshot();
    }

    public static int Count(in Message message) =>
        message.Payload is VersionEntry[] list ? list.Length : message.A >= 0 ? 1 : 0;

    public static VersionEntry At(in Message message, int index) =>
        message.Payload is VersionEntry[] list ? list[index] : new VersionEntry((int)message.A, message.B);
}
