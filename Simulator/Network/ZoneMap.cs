namespace GossipSim.Simulator.Network;

/// <summary>
/// Which zone (rack, datacenter) each node is in (YAML <c>network.zones</c>): the lookup other parts
/// use (zone-aware ring placement, fault targets by zone). <c>blocks</c>: node i is in zone
/// floor(i * zones / nodes), contiguous near-equal blocks; <c>round_robin</c>: zone i mod zones.
/// Computed, not stored per node, so it costs nothing at 100,000 nodes.
/// </summary>
public sealed class ZoneMap
{
    private readonly int _nodes;
    private readonly bool _roundRobin;

    public ZoneMap(IReadOnlyList<string> names, int nodes, bool roundRobin = false)
    {
        Names = names;
        _nodes = nodes;
        _roundRobin = roundRobin;
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public int ZoneOf(int node) => _roundRobin ? node % Names.Count : (int)((long)node * Names.Count / _nodes);

    /// <summary>Index of zone <paramref name="name"/>; -1 when there is none.</summary>
    public int IndexOf(string name)
    {
        for (int z = 0; z < Names.Count; z++) if (Names[z] == name) return z;
        return -1;
    }

    /// <summary>Index of the ordered zone pair of a message from <paramref name="from"/> to <paramref name="to"/> in a zones x zones table.</summary>
    public int PairIndex(int from, int to) => ZoneOf(from) * Names.Count + ZoneOf(to);

    /// <summary>The nodes of zone <paramref name="zone"/>, ascending.</summary>
    public List<int> NodesIn(int zone)
    {
        var nodes = new List<int>();
        for (int i = 0; i < _nodes; i++) if (ZoneOf(i) == zone) nodes.Add(i);
        return nodes;
    }
}
