using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// What one node holds of every member's state: (generation, heartbeat version), the pair
/// Cassandra compares generation first, and with a ring the TOKENS value and the version it was
/// set at. One array per field, index = member id, padded to whole words of
/// <see cref="MemberBits.WordBits"/> members; generation 0 = not held (no generation is 0).
/// Messages carry the table itself: a SYN's digests are the sender's table, and an ACK, ACK2 or
/// push names the members whose states the receiver reads from it (<see cref="StateSet"/>,
/// <see cref="DigestAck"/>). The owner does not write a table while a message reading it is in
/// flight; it writes a copy instead (copy on write), which a 1-10 ms flight against a 1 s round
/// makes rare, so no message copies n states. Separate arrays let a comparison load eight members'
/// heartbeats, and four generations, per vector instruction (<see cref="VersionCompare"/>).
/// Heartbeats are ints: a node bumps its own once per round, and 2^31 rounds of one node are more
/// events than any run can process.
/// </summary>
public sealed class MemberTable : ReusablePayload
{
    public MemberTable(int nodeCount)
        : this(new long[MemberBits.Padded(nodeCount)], new int[MemberBits.Padded(nodeCount)], new ulong[MemberBits.Words(nodeCount)], null, null)
    {
    }

    private MemberTable(long[] generation, int[] heartbeat, ulong[] known, int[]? tokens, int[]? tokensVersion)
    {
        Generation = generation;
        Heartbeat = heartbeat;
        Known = known;
        Tokens = tokens;
        TokensVersion = tokensVersion;
    }

    /// <summary>Each member's generation; written only through <see cref="Set"/>, which keeps <see cref="Known"/>.</summary>
    public long[] Generation { get; }

    public int[] Heartbeat { get; }

    /// <summary>The members whose generation is above 0: a SYN's receiver skips the digests of the others.</summary>
    public ulong[] Known { get; }

    /// <summary>With a ring: each member's TOKENS (a token-set id or a status code of the node's).</summary>
    public int[]? Tokens { get; private set; }

    /// <summary>With a ring: the heartbeat version each member's TOKENS value was set at.</summary>
    public int[]? TokensVersion { get; private set; }

    public int Words => Generation.Length / MemberBits.WordBits;

    public void Set(int member, long generation, int heartbeat)
    {
        Generation[member] = generation;
        Heartbeat[member] = heartbeat;
        MemberBits.Set(Known, member, generation != 0);
    }

    /// <summary>Adds the TOKENS columns, every member's set to <paramref name="none"/>.</summary>
    public void AddTokens(int none)
    {
        Tokens = new int[Generation.Length];
        Array.Fill(Tokens, none);
        TokensVersion = new int[Generation.Length];
    }

    public MemberTable Copy() =>
        new((long[])Generation.Clone(), (int[])Heartbeat.Clone(), (ulong[])Known.Clone(), (int[]?)Tokens?.Clone(), (int[]?)TokensVersion?.Clone());

    /// <summary>This table's contents written over <paramref name="target"/> (a table of the same size, columns and owner that no message reads), which is returned.</summary>
    public MemberTable CopyTo(MemberTable target)
    {
        if (target.InFlight) throw new InvalidOperationException("a table that a message in flight reads cannot be overwritten");
        Generation.CopyTo(target.Generation, 0);
        Heartbeat.CopyTo(target.Heartbeat, 0);
        Known.CopyTo(target.Known, 0);
        Tokens?.CopyTo(target.Tokens!, 0);
        TokensVersion?.CopyTo(target.TokensVersion!, 0);
        return target;
    }
}
