using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Ring;

/// <summary>
/// One node's tokens at one version: what Cassandra gossips as the TOKENS application state
/// (docs/references.md §2). Immutable and shared: every node that holds this version of the owner's
/// tokens holds a reference to the same object (or its <see cref="Id"/>), never a copy.
/// Tokens are 64-bit positions (Murmur3Partitioner's range, as unsigned), sorted ascending.
/// </summary>
public sealed class TokenSet
{
    public TokenSet(int id, int owner, int version, ulong[] tokens)
    {
        Id = id;
        Owner = owner;
        Version = version;
        Tokens = tokens;
        Array.Sort(Tokens);
    }

    /// <summary>Index in the run's <see cref="RingRegistry"/>: later sets of one owner have larger ids.</summary>
    public int Id { get; }

    public int Owner { get; }

    /// <summary>1 for the owner's first tokens, +1 per move.</summary>
    public int Version { get; }

    public ulong[] Tokens { get; }

    /// <summary>
    /// <paramref name="count"/> tokens from one seed (SplitMix64 steps): Cassandra picks random
    /// tokens at bootstrap when no allocation algorithm is set; the seed is what SWIM's meta carries.
    /// </summary>
    public static ulong[] Draw(ulong seed, int count)
    {
        var tokens = new ulong[count];
        ulong state = seed;
        for (int i = 0; i < count; i++) tokens[i] = SplitMix64.Next(ref state);
        return tokens;
    }
}
