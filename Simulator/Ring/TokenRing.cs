using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Ring;

/// <summary>
/// Every token set of the run, merged into one sorted ring (the "universe"). A node's view of the
/// ring is this universe filtered by the token-set id it holds per owner: a walk skips tokens of
/// sets the view does not hold. So 1,200 views of a 256-vnode ring share one 307,200-token array
/// and differ only in an int per owner (design: share the common ring, keep per-node differences).
/// A view that agrees with the newest sets skips almost nothing, so a lookup walks a few tokens.
/// </summary>
public sealed class TokenRing
{
    private ulong[] _tokens = [];
    private int[] _sets = [];
    private readonly List<TokenSet> _all = new();

    public int TokenCount => _tokens.Length;

    public TokenSet Set(int id) => _all[id];

    public int SetCount => _all.Count;

    /// <summary>Adds many sets at once (run start): one sort instead of a merge per set.</summary>
    public void AddAll(IReadOnlyList<TokenSet> sets)
    {
        int extra = 0;
        foreach (var set in sets)
        {
            Register(set);
            extra += set.Tokens.Length;
        }
        var tokens = new ulong[_tokens.Length + extra];
        var ids = new int[tokens.Length];
        _tokens.CopyTo(tokens, 0);
        _sets.CopyTo(ids, 0);
        int k = _tokens.Length;
        foreach (var set in sets)
        {
            set.Tokens.CopyTo(tokens, k);
            ids.AsSpan(k, set.Tokens.Length).Fill(set.Id);
            k += set.Tokens.Length;
        }
        Array.Sort(tokens, ids);
        _tokens = tokens;
        _sets = ids;
    }

    /// <summary>Adds a set: ids are handed out in order, so <paramref name="set"/>.Id must be the next one.</summary>
    public void Add(TokenSet set)
    {
        Register(set);
        // Merge the new sorted tokens into the sorted universe: O(T) per set, sets are rare events.
        var tokens = new ulong[_tokens.Length + set.Tokens.Length];
        var sets = new int[tokens.Length];
        int a = 0, b = 0, k = 0;
        while (a < _tokens.Length || b < set.Tokens.Length)
        {
            if (b >= set.Tokens.Length || (a < _tokens.Length && _tokens[a] <= set.Tokens[b]))
            {
                tokens[k] = _tokens[a];
                sets[k++] = _sets[a++];
            }
            else
            {
                tokens[k] = set.Tokens[b++];
                sets[k++] = set.Id;
            }
        }
        _tokens = tokens;
        _sets = sets;
    }

    private void Register(TokenSet set)
    {
        if (set.Id != _all.Count) throw new ArgumentException($"token set id {set.Id}, expected {_all.Count}");
        _all.Add(set);
    }

    /// <summary>
    /// The replicas of <paramref name="key"/> in the view that holds set <c>held[owner]</c> per owner
    /// (-1: none): walk clockwise from the first token ≥ key, wrapping, over distinct owners.
    /// Fills <paramref name="into"/> (its length is the replication factor) and returns how many were
    /// found (fewer when the view has fewer owners). <paramref name="scratch"/> needs
    /// into.Length + zones.Count ints for zone-aware placement, none for simple.
    /// </summary>
    public int Replicas(ulong key, ReadOnlySpan<int> held, RingPlacement placement, ZoneMap? zones, Span<int> into, Span<int> scratch)
    {
        int total = _tokens.Length;
        if (total == 0 || into.Length == 0) return 0;
        int start = LowerBound(key);
        return placement == RingPlacement.ZoneAware && zones is not null
            ? WalkZoneAware(start, held, zones, into, scratch)
            : WalkSimple(start, held, into);
    }

    private int WalkSimple(int start, ReadOnlySpan<int> held, Span<int> into)
    {
        int total = _tokens.Length, count = 0;
        for (int step = 0; step < total && count < into.Length; step++)
        {
            int owner = HeldOwnerAt(start, step, held);
            if (owner >= 0 && !into[..count].Contains(owner)) into[count++] = owner;
        }
        return count;
    }

    /// <summary>
    /// Cassandra's NetworkTopologyStrategy rack rule within one datacenter: a node in a zone not
    /// yet used is taken; one in a used zone is set aside; once every zone has a replica, the
    /// set-aside nodes come next in walk order, then any further node.
    /// </summary>
    private int WalkZoneAware(int start, ReadOnlySpan<int> held, ZoneMap zones, Span<int> into, Span<int> scratch)
    {
        int total = _tokens.Length, n = into.Length, count = 0, skipped = 0, zonesSeen = 0;
        int zoneCount = zones.Count;
        Span<int> skippedNodes = scratch[..n];
        Span<int> zoneUsed = scratch.Slice(n, zoneCount);
        zoneUsed.Clear();
        for (int step = 0; step < total && count < n; step++)
        {
            int owner = HeldOwnerAt(start, step, held);
            if (owner < 0 || into[..count].Contains(owner) || skippedNodes[..skipped].Contains(owner)) continue;
            if (zonesSeen == zoneCount)
            {
                into[count++] = owner;
                continue;
            }
            int zone = zones.ZoneOf(owner);
            if (zoneUsed[zone] != 0)
            {
                if (skipped < n) skippedNodes[skipped++] = owner;
                continue;
            }
            zoneUsed[zone] = 1;
            zonesSeen++;
            into[count++] = owner;
            if (zonesSeen == zoneCount)
                for (int i = 0; i < skipped && count < n; i++) into[count++] = skippedNodes[i];
        }
        // The whole ring walked with zones never all seen (the view lacks some zone): fill from the set-aside nodes.
        if (zonesSeen < zoneCount)
            for (int i = 0; i < skipped && count < n; i++) into[count++] = skippedNodes[i];
        return count;
    }

    /// <summary>The owner of the token <paramref name="step"/> places after <paramref name="start"/>, or -1 when the view does not hold its set.</summary>
    private int HeldOwnerAt(int start, int step, ReadOnlySpan<int> held)
    {
        int at = start + step;
        if (at >= _tokens.Length) at -= _tokens.Length;
        var set = _all[_sets[at]];
        return held[set.Owner] == set.Id ? set.Owner : -1;
    }

    /// <summary>Index of the first token ≥ key, 0 when the key is past the last token (the ring wraps).</summary>
    private int LowerBound(ulong key)
    {
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_tokens[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo == _tokens.Length ? 0 : lo;
    }
}
