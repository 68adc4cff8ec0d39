using GossipSim.Simulator.Protocols.Rumor;

namespace GossipSim.Tests.Protocols;

/// <summary>
/// The version table keeps a table of one origin in its own fields and moves to an array at the
/// second origin: whatever the order of merges, it must answer as a sorted map of the newest
/// versions would.
/// </summary>
public class VersionTableTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(20)]
    public void Merges_AnswerAsASortedMapOfNewestVersions(int origins)
    {
        var random = new System.Random(origins);
        var table = new VersionTable();
        var expected = new SortedDictionary<int, long>();
        for (int step = 0; step < 2000; step++)
        {
            int origin = random.Next(origins) * 7 + 3;
            long version = random.Next(1, 50);
            bool news = !expected.TryGetValue(origin, out long held) || version > held;
            if (news) expected[origin] = version;

            Assert.That(table.Merge(origin, version), Is.EqualTo(news), $"step {step}: merge of {origin}@{version}");
            Assert.That(table.Count, Is.EqualTo(expected.Count));
            Assert.That(table.VersionOf(origin), Is.EqualTo(expected[origin]));
            Assert.That(table.VersionOf(origin + 1), Is.Zero, "an origin never merged");
            var listed = Enumerable.Range(0, table.Count).Select(i => table[i]).ToArray();
            var want = expected.Select(p => new VersionEntry(p.Key, p.Value)).ToArray();
            Assert.That(listed, Is.EqualTo(want));
            Assert.That(table.Snapshot(), Is.EqualTo(want));
        }
    }

    [Test]
    public void Snapshot_HandedOut_IsNotWrittenByLaterMerges()
    {
        var table = new VersionTable();
        table.Merge(5, 1);
        var one = table.Snapshot();
        table.Merge(5, 2);
        table.Merge(2, 1);
        var two = table.Snapshot();
        table.Merge(2, 9);

        Assert.That(one, Is.EqualTo(new[] { new VersionEntry(5, 1) }));
        Assert.That(two, Is.EqualTo(new[] { new VersionEntry(2, 1), new VersionEntry(5, 2) }));
        Assert.That(table.Snapshot(), Is.EqualTo(new[] { new VersionEntry(2, 9), new VersionEntry(5, 2) }));
    }

    [Test]
    public void Empty_HasNoEntries()
    {
        var table = new VersionTable();
        Assert.That(table.Count, Is.Zero);
        Assert.That(table.VersionOf(0), Is.Zero);
        Assert.That(table.Snapshot(), Is.Empty);
    }
}
