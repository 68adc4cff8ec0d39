using GossipSim.Simulator.Protocols;

namespace GossipSim.Tests.Protocols;

/// <summary>The open-addressing map of a row's differences against <see cref="Dictionary{TKey, TValue}"/>, the definition of a map.</summary>
public class ColumnMapTests
{
    /// <summary>
    /// Random sets, overwrites, removals and lookups over a few columns (long probe runs, removals
    /// in their middle) or many (growth), checked after every operation: count, every lookup, and
    /// the enumerated pairs.
    /// </summary>
    [TestCase(1, 40)]
    [TestCase(2, 2_000)]
    [TestCase(3, 100_000)]
    public void RandomOperations_MatchDictionary(int seed, int columns)
    {
        var random = new System.Random(seed);
        var map = new ColumnMap<long>();
        var reference = new Dictionary<int, long>();
        for (int step = 0; step < 20_000; step++)
        {
            // Columns spaced by the table size's multiples collide in the hash's top bits too.
            int column = random.Next(2) == 0 ? random.Next(columns) : random.Next(8) * 1024;
            switch (random.Next(3))
            {
                case 0:
                    Assert.That(map.Remove(column, out long removed), Is.EqualTo(reference.Remove(column, out long expected)), $"remove {column}, step {step}");
                    Assert.That(removed, Is.EqualTo(expected));
                    break;
                default:
                    long value = random.NextInt64();
                    map[column] = value;
                    reference[column] = value;
                    break;
            }
            Assert.That(map.Count, Is.EqualTo(reference.Count), $"count, step {step}");
            int probe = random.Next(columns);
            Assert.That(map.TryGetValue(probe, out long got), Is.EqualTo(reference.TryGetValue(probe, out long want)), $"lookup {probe}, step {step}");
            Assert.That(got, Is.EqualTo(want));
            Assert.That(map.Capacity, Is.GreaterThanOrEqualTo(map.Count));
        }
        var pairs = new List<(int, long)>();
        foreach (var (column, value) in map) pairs.Add((column, value));
        Assert.That(pairs, Is.EquivalentTo(reference.Select(p => (p.Key, p.Value))));
        foreach (var (column, value) in reference)
        {
            Assert.That(map.TryGetValue(column, out long got), Is.True);
            Assert.That(got, Is.EqualTo(value));
        }
    }

    [Test]
    public void Capacity_GivenOnCreation_HoldsThatManyWithoutGrowing()
    {
        var map = new ColumnMap<byte>(100);
        int capacity = map.Capacity;
        Assert.That(capacity, Is.GreaterThanOrEqualTo(100));
        for (int c = 0; c < 100; c++) map[c * 7] = (byte)c;
        Assert.That(map.Capacity, Is.EqualTo(capacity));
        Assert.That(map.Count, Is.EqualTo(100));
    }
}
