using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

public class KeyedPermutationTests
{
    private static IEnumerable<int> Sizes() => Enumerable.Range(1, 300).Concat([511, 512, 513, 1200, 4097, 65_536, 100_000]);

    [TestCaseSource(nameof(Sizes))]
    public void At_EveryIndexOfN_HitsEveryValueOnce(int n)
    {
        foreach (ulong key in new[] { 0UL, 1UL, 0xDEADBEEFUL, ulong.MaxValue })
        {
            var seen = new bool[n];
            for (int i = 0; i < n; i++)
            {
                int v = KeyedPermutation.At(i, n, key);
                Assert.That(v, Is.InRange(0, n - 1));
                Assert.That(seen[v], Is.False, $"n {n}, key {key}: {v} twice");
                seen[v] = true;
            }
        }
    }

    [Test]
    public void At_DifferentKeys_GiveDifferentOrders()
    {
        const int n = 1200;
        int[] Order(ulong key) => Enumerable.Range(0, n).Select(i => KeyedPermutation.At(i, n, key)).ToArray();
        Assert.That(Order(1), Is.Not.EqualTo(Order(2)));
        // Not the identity, and roughly uniform: the first place is spread over the ids.
        var firsts = Enumerable.Range(0, 2000).Select(k => KeyedPermutation.At(0, n, (ulong)k)).ToArray();
        Assert.That(firsts.Distinct().Count(), Is.GreaterThan(700));
        Assert.That(firsts.Average(), Is.InRange(n / 2 - 60, n / 2 + 60));
    }
}
