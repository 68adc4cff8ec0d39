using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Ring;

namespace GossipSim.Tests.Ring;

public class TokenRingTests
{
    /// <summary>
    /// The reference: each held owner's clockwise distance from the key is the smallest
    /// (token - key) mod 2^64 over its tokens; replicas are the N owners with the smallest distances.
    /// </summary>
    private static List<int> BruteForce(TokenRing ring, ulong key, int[] held, int n)
    {
        var distance = new List<(ulong Distance, int Owner)>();
        for (int owner = 0; owner < held.Length; owner++)
        {
            if (held[owner] < 0) continue;
            ulong best = ulong.MaxValue;
            foreach (ulong t in ring.Set(held[owner]).Tokens) best = Math.Min(best, unchecked(t - key));
            distance.Add((best, owner));
        }
        distance.Sort();
        return distance.Take(n).Select(d => d.Owner).ToList();
    }

    private static (RingRegistry Registry, int[] Held) RandomRing(ulong seed, int nodes, int vnodes, int moves)
    {
        var streams = new RandomStreams(seed);
        var registry = new RingRegistry(new RingSettings(vnodes, 3, RingPlacement.Simple, null), nodes, streams.For(StreamPurpose.Ring));
        var pick = streams.For(StreamPurpose.Workload);
        for (int m = 0; m < moves; m++) registry.Move(pick.NextInt(nodes));
        // A view: most owners at their current set, some at an older one, some unknown.
        var held = new int[nodes];
        for (int i = 0; i < nodes; i++)
        {
            double r = pick.NextDouble();
            held[i] = r < 0.1 ? -1 : r < 0.2 ? i : registry.Current(i).Id;
        }
        return (registry, held);
    }

    [TestCase(1UL, 10, 1, 0)]
    [TestCase(2UL, 50, 8, 20)]
    [TestCase(3UL, 200, 16, 50)]
    [TestCase(4UL, 3, 4, 2)]
    public void Replicas_RandomRingsAndViews_MatchBruteForceWalk(ulong seed, int nodes, int vnodes, int moves)
    {
        var (registry, held) = RandomRing(seed, nodes, vnodes, moves);
        var keys = new Xoshiro256StarStar(seed + 100);
        var into = new int[3];
        for (int k = 0; k < 2000; k++)
        {
            // Half the keys exactly on a token: the token's owner is the first replica.
            ulong key = k % 2 == 0 ? keys.NextUInt64() : registry.Set(held.First(h => h >= 0)).Tokens[k % vnodes];
            int found = registry.Ring.Replicas(key, held, RingPlacement.Simple, null, into, []);
            Assert.That(into.Take(found).ToList(), Is.EqualTo(BruteForce(registry.Ring, key, held, 3)), $"key {key}");
        }
    }

    [Test]
    public void Replicas_KeyAfterLastToken_WrapsToFirst()
    {
        var ring = new TokenRing();
        ring.AddAll([new TokenSet(0, 0, 1, [100]), new TokenSet(1, 1, 1, [200]), new TokenSet(2, 2, 1, [300])]);
        var into = new int[2];
        int found = ring.Replicas(301, [0, 1, 2], RingPlacement.Simple, null, into, []);
        Assert.That(into.Take(found), Is.EqualTo(new[] { 0, 1 }));
        found = ring.Replicas(150, [0, 1, 2], RingPlacement.Simple, null, into, []);
        Assert.That(into.Take(found), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Replicas_FewerOwnersThanN_ReturnsEveryOwner()
    {
        var ring = new TokenRing();
        ring.AddAll([new TokenSet(0, 0, 1, [100, 500]), new TokenSet(1, 1, 1, [200])]);
        var into = new int[3];
        Assert.That(ring.Replicas(0, [0, 1], RingPlacement.Simple, null, into, []), Is.EqualTo(2));
    }

    [TestCase(5UL, 60, 16, 3, 3)]
    [TestCase(6UL, 60, 16, 5, 3)]
    [TestCase(7UL, 61, 8, 4, 4)]
    [TestCase(8UL, 30, 32, 2, 3)]
    public void ZoneAware_ZonesSuffice_NeverTwoReplicasInOneZone(ulong seed, int nodes, int vnodes, int zoneCount, int n)
    {
        var zones = RoundRobinZones(nodes, zoneCount);
        var streams = new RandomStreams(seed);
        var registry = new RingRegistry(new RingSettings(vnodes, n, RingPlacement.ZoneAware, zones), nodes, streams.For(StreamPurpose.Ring));
        var held = Enumerable.Range(0, nodes).ToArray();
        var keys = new Xoshiro256StarStar(seed);
        var into = new int[n];
        var scratch = new int[n + zoneCount];
        for (int k = 0; k < 5000; k++)
        {
            int found = registry.Ring.Replicas(keys.NextUInt64(), held, RingPlacement.ZoneAware, zones, into, scratch);
            Assert.That(found, Is.EqualTo(n));
            var replicas = into.Take(found).ToList();
            Assert.That(replicas.Distinct().Count(), Is.EqualTo(n), "distinct nodes");
            int distinctZones = replicas.Select(zones.ZoneOf).Distinct().Count();
            Assert.That(distinctZones, Is.EqualTo(Math.Min(n, zoneCount)), $"replicas {string.Join(",", replicas)}");
        }
    }

    [Test]
    public void ZoneAware_OneZone_SameAsSimple()
    {
        var (registry, held) = RandomRing(9, 40, 8, 5);
        var zones = RoundRobinZones(40, 1);
        var keys = new Xoshiro256StarStar(9);
        var a = new int[3];
        var b = new int[3];
        for (int k = 0; k < 1000; k++)
        {
            ulong key = keys.NextUInt64();
            int fa = registry.Ring.Replicas(key, held, RingPlacement.Simple, null, a, []);
            int fb = registry.Ring.Replicas(key, held, RingPlacement.ZoneAware, zones, b, new int[4]);
            Assert.That(b.Take(fb), Is.EqualTo(a.Take(fa)));
        }
    }

    [Test]
    public void Move_NewSet_HasNextVersionAndStaysInUniverse()
    {
        var (registry, _) = RandomRing(10, 5, 4, 0);
        var before = registry.Current(2);
        var after = registry.Move(2);
        Assert.That(after.Version, Is.EqualTo(before.Version + 1));
        Assert.That(registry.Current(2), Is.SameAs(after));
        Assert.That(registry.Ring.TokenCount, Is.EqualTo(6 * 4));
    }

    /// <summary>Node i in zone i mod <paramref name="zones"/> (network.zones with layout: round_robin).</summary>
    private static ZoneMap RoundRobinZones(int nodes, int zones) =>
        new(Enumerable.Range(0, zones).Select(z => $"z{z}").ToArray(), nodes, roundRobin: true);
}
