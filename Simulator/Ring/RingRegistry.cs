using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Ring;

/// <summary>
/// The run's tokens: every node's first token set (drawn at run start from the ring stream, in id
/// order, so joiners' tokens do not depend on when they join) and the sets made by moves. Each
/// node's current set is its own persistent configuration (Cassandra keeps its tokens in
/// system.local): a restarted process comes back with them. Protocols read only their own
/// node's current set; other nodes' tokens reach them by gossip. YAML <c>ring.tokens</c> replaces a
/// node's first set (Cassandra's initial_token); a move still draws.
/// </summary>
public sealed class RingRegistry
{
    private readonly Xoshiro256StarStar _stream;
    private readonly int[] _current;

    public RingRegistry(RingSettings settings, int nodes, Xoshiro256StarStar ringStream)
    {
        Settings = settings;
        _stream = ringStream;
        _current = new int[nodes];
        var first = new TokenSet[nodes];
        for (int node = 0; node < nodes; node++)
        {
            // Every node draws its seed, given tokens or not, so giving one node's tokens does not move the others'.
            ulong seed = _stream.NextUInt64();
            ulong[]? given = settings.GivenTokens is { } g && node < g.Length ? g[node] : null;
            var tokens = given is null ? TokenSet.Draw(seed, settings.Vnodes) : (ulong[])given.Clone();
            first[node] = new TokenSet(node, node, 1, tokens);
            _current[node] = node;
        }
        Ring.AddAll(first);
    }

    public RingSettings Settings { get; }

    public TokenRing Ring { get; } = new();

    public int NodeCount => _current.Length;

    /// <summary>The node's own tokens now (its configuration, not anyone's view).</summary>
    public TokenSet Current(int node) => Ring.Set(_current[node]);

    public TokenSet Set(int id) => Ring.Set(id);

    /// <summary>A move (YAML fault <c>move</c>): the node takes freshly drawn tokens at the next version.</summary>
    public TokenSet Move(int node)
    {
        var set = NewSet(node, Current(node).Version + 1);
        _current[node] = set.Id;
        return set;
    }

    private TokenSet NewSet(int owner, int version)
    {
        var set = new TokenSet(Ring.SetCount, owner, version, TokenSet.Draw(_stream.NextUInt64(), Settings.Vnodes));
        Ring.Add(set);
        return set;
    }
}
