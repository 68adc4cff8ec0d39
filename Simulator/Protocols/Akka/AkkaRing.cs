using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// Akka's HeartbeatNodeRing order: members sorted by the hash of their UniqueAddress, which is the
/// hash of its uid alone (UniqueAddress.hashCode), ties broken by address. A restarted node has a
/// new uid, so it takes a new place and its monitors change. Here a member's place is a hash of
/// its id and its incarnation (the model's uid), ties broken by id; incarnation 0, the initial
/// members', hashes the id alone. Immutable: a node keeps the ring of the incarnations its state
/// holds and takes another when one of them changes (<see cref="For"/>).
/// </summary>
public sealed class AkkaRing
{
    /// <summary>The golden-ratio increment of SplitMix64: it spreads incarnations over the hash's input, and leaves incarnation 0 at the id itself.</summary>
    private const ulong IncarnationSpread = 0x9E3779B97F4A7C15UL;

    private readonly long[] _incarnations;
    /// <summary>The ring last taken in place of this one: the nodes of a run see the same restarts, so most take the ring another node built.</summary>
    private AkkaRing? _next;

    private AkkaRing(long[] incarnations)
    {
        _incarnations = incarnations;
        int n = incarnations.Length;
        var places = new ulong[n];
        for (int id = 0; id < n; id++) places[id] = Place(id, incarnations[id]);
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => places[a] != places[b] ? places[a].CompareTo(places[b]) : a.CompareTo(b));
        var position = new int[n];
        for (int i = 0; i < n; i++) position[order[i]] = i;
        Order = order;
        Position = position;
    }

    /// <summary>Ids in ring order.</summary>
    public int[] Order { get; }

    /// <summary>Each id's index in <see cref="Order"/>.</summary>
    public int[] Position { get; }

    /// <summary>The ring of <paramref name="n"/> nodes all at incarnation 0: the initial members' order.</summary>
    public static AkkaRing Of(int n) => new(new long[n]);

    /// <summary>The ring of these incarnations (one per id): this ring if it was built for them, else the one built for them last from this one, else a new one.</summary>
    public AkkaRing For(long[] incarnations)
    {
        if (IsFor(incarnations)) return this;
        if (_next is null || !_next.IsFor(incarnations)) _next = new AkkaRing((long[])incarnations.Clone());
        return _next;
    }

    private bool IsFor(long[] incarnations) => incarnations.AsSpan().SequenceEqual(_incarnations);

    /// <summary>A member's place on the ring: the hash of its id and incarnation, the id alone at incarnation 0.</summary>
    public static ulong Place(int id, long incarnation) => SplitMix64.Mix((ulong)id + (ulong)incarnation * IncarnationSpread);
}
