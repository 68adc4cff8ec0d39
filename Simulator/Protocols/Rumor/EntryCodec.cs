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
        if (!WriteInline(ref message, entries.Count, entries.Count == 1 ? entries[0] : default)) message.Payload = entries.ToArray();
    }

    /// <summary>The whole table: several entries travel as its immutable snapshot, so no copy per message.</summary>
    public static void Write(ref Message message, ref VersionTable table)
    {
        if (!WriteInline(ref message, table.Count, table.Count == 1 ? table[0] : default)) message.Payload = table.Snapshot();
    }

    /// <summary>No entry or a single one rides in the message's own fields; false when an array must carry them.</summary>
    private static bool WriteInline(ref Message message, int count, VersionEntry single)
    {
        message.Payload = null;
        message.A = -1;
        if (count == 1)
        {
            message.A = single.Origin;
            message.B = single.Version;
        }
        return count <= 1;
    }

    public static int Count(in Message message) =>
        message.Payload is VersionEntry[] list ? list.Length : message.A >= 0 ? 1 : 0;

    public static VersionEntry At(in Message message, int index) =>
        message.Payload is VersionEntry[] list ? list[index] : new VersionEntry((int)message.A, message.B);
}
