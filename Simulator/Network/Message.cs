namespace GossipSim.Simulator.Network;

/// <summary>
/// A message on the simulated wire. Small fixed fields carry the common cases without
/// allocation (a version, a counter, an id); <see cref="Payload"/> carries what does not fit
/// (a list of entries), as an immutable snapshot taken at send time, never a live reference
/// into the sender's memory. <see cref="Type"/> is the protocol family's own message type number.
/// </summary>
public struct Message
{
    public int Type;
    public int From;
    public int To;
    /// <summary>Bytes on the wire, from the message size model; counted as sent and received.</summary>
    public int SizeBytes;
    public long A;
    public long B;
    public object? Payload;

    /// <summary>
    /// Takes every field of <paramref name="source"/> but its payload, with the given ends. Stores
    /// that keep messages in arrays copy this way and keep payloads apart: a whole-struct copy of
    /// the reference costs a GC write barrier and a block copy, and most messages carry none.
    /// </summary>
    public void CopyWithoutPayload(in Message source, int from, int to)
    {
        Type = source.Type;
        From = from;
        To = to;
        SizeBytes = source.SizeBytes;
        A = source.A;
        B = source.B;
    }
}
