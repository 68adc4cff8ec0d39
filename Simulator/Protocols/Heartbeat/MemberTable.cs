using System.Runtime.CompilerServices;
using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// What one node holds of every member's state: (generation, heartbeat version), the pair
/// Cassandra compares generation first, and with a ring the TOKENS value and the version it was
/// set at. Index = member id, padded to whole words of <see cref="MemberBits.WordBits"/> members.
/// The version is one 8-byte key, incarnation in the high half and heartbeat in the low: a
/// member's generations only grow, so its incarnation number (the rank of its generation among
/// its own, <see cref="Generations"/>) orders them alike, and one signed comparison of keys is
/// Cassandra's comparison (heartbeats are not negative). Incarnation 0 = not held. A digest
/// exchange streams whole tables, so 8 bytes a member instead of 12 is a third less memory traffic.
/// Messages carry the table itself: a SYN's digests are the sender's table, and an ACK, ACK2 or
/// push names the members whose states the receiver reads from it (<see cref="StateSet"/>,
/// <see cref="DigestAck"/>). The owner does not write a table while a message reading it is in
/// flight; it writes a copy instead (copy on write), which a 1-10 ms flight against a 1 s round
/// makes rare, so no message copies n states. Heartbeats are ints: a node bumps its own once per
/// round, and 2^31 rounds of one node are more events than any run can process.
/// </summary>
public sealed class MemberTable : ReusablePayload
{
    public MemberTable(int nodeCount) : this(new long[MemberBits.Padded(nodeCount)], new ulong[MemberBits.Words(nodeCount)], null, null)
    {
    }

    private MemberTable(long[] keys, ulong[] known, int[]? tokens, int[]? tokensVersion)
    {
        Keys = keys;
        Known = known;
        Tokens = tokens;
        TokensVersion = tokensVersion;
    }

    /// <summary>Each member's (incarnation, heartbeat) as one key (<see cref="Key"/>); written only through <see cref="Set"/> and <see cref="SetHeartbeat"/>.</summary>
    public long[] Keys { get; }

    /// <summary>The members whose incarnation is above 0: a SYN's receiver skips the digests of the others.</summary>
    public ulong[] Known { get; }

    /// <summary>With a ring: each member's TOKENS (a token-set id or a status code of the node's).</summary>
    public int[]? Tokens { get; private set; }

    /// <summary>With a ring: the heartbeat version each member's TOKENS value was set at.</summary>
    public int[]? TokensVersion { get; private set; }

    public int Words => Keys.Length / MemberBits.WordBits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Key(int incarnation, int heartbeat) => (long)incarnation << 32 | (uint)heartbeat;

    public int IncarnationOf(int member) => (int)(Keys[member] >> 32);

    public int HeartbeatOf(int member) => (int)Keys[member];

    public void Set(int member, int incarnation, int heartbeat)
    {
        Keys[member] = Key(incarnation, heartbeat);
        MemberBits.Set(Known, member, incarnation != 0);
    }

    public void SetHeartbeat(int member, int heartbeat) => Keys[member] = Key(IncarnationOf(member), heartbeat);

    /// <summary>Adds the TOKENS columns, every member's set to <paramref name="none"/>.</summary>
    public void AddTokens(int none)
    {
        Tokens = new int[Keys.Length];
        Array.Fill(Tokens, none);
        TokensVersion = new int[Keys.Length];
    }

    public MemberTable Copy() => new((long[])Keys.Clone(), (ulong[])Known.Clone(), (int[]?)Tokens?.Clone(), (int[]?)TokensVersion?.Clone());

    /// <summary>This table's contents written over <paramref name="target"/> (a table of the same size, columns and owner that no message reads), which is returned.</summary>
    public MemberTable CopyTo(MemberTable target)
    {
        if (target.InFlight) throw new InvalidOperationException("a table that a message in flight reads cannot be overwritten");
        Keys.CopyTo(target.Keys, 0);
        Known.CopyTo(target.Known, 0);
        Tokens?.CopyTo(target.Tokens!, 0);
        TokensVersion?.CopyTo(target.TokensVersion!, 0);
        return target;
    }
}
