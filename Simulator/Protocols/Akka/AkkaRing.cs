using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// Akka's HeartbeatNodeRing order: every id placed by a hash of itself (Akka hashes the address),
/// so ring neighbours are unrelated to ids. Immutable and shared by a run's nodes.
/// </summary>
public sealed class AkkaRing
{
    private AkkaRing(int[] order, int[] position)
    {
        Order = order;
        Position = position;
    }

    /// <summary>Ids in ring order.</summary>
    public int[] Order { get; }

    /// <summary>Each id's index in <see cref="Order"/>.</summary>
    public int[] Position { get; }

    public static AkkaRing Of(int n)
    {
        var order = Enumerable.Range(0, n).OrderBy(id => SplitMix64.Mix((ulong)id)).ToArray();
        var position = new int[n];
        for (int i = 0; i < n; i++) position[order[i]] = i;
        return new AkkaRing(order, position);
    }
}
