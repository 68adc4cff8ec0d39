namespace GossipSim.Simulator.Ring;

/// <summary>
/// Which zone (rack, availability zone) each node sits in, for zone-aware placement. Today it is
/// the ring section's own small input (YAML <c>ring.zones: K</c>: node i in zone i mod K); when the
/// network gets a zone model, build this from it instead: nothing else in the ring reads zones.
/// </summary>
public sealed class ZoneMap
{
    private readonly int[] _zoneOf;

    public ZoneMap(int[] zoneOf)
    {
        _zoneOf = zoneOf;
        int max = -1;
        foreach (int z in zoneOf)
        {
            if (z < 0) throw new ArgumentOutOfRangeException(nameof(zoneOf), "zones are numbered from 0");
            max = Math.Max(max, z);
        }
        ZoneCount = max + 1;
    }

    /// <summary>Node i in zone i mod <paramref name="zones"/>: racks filled round-robin.</summary>
    public static ZoneMap RoundRobin(int nodes, int zones)
    {
        var zoneOf = new int[nodes];
        for (int i = 0; i < nodes; i++) zoneOf[i] = i % zones;
        return new ZoneMap(zoneOf);
    }

    public int ZoneCount { get; }

    public int ZoneOf(int node) => _zoneOf[node];
}
