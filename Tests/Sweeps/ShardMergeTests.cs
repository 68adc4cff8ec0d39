using GossipSim.Simulator.Runs;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Sweeps;

public class ShardMergeTests
{
    private SmallSweep _sweep = null!;

    [SetUp]
    public void SetUp() => _sweep = new SmallSweep();

    [TearDown]
    public void TearDown() => _sweep.Dispose();

    private string[] Shards(int count) =>
        Enumerable.Range(1, count).Select(i => _sweep.Run($"shard{i}", "--shard", $"{i}/{count}")).ToArray();

    [Test]
    public void ThreeShards_Merged_ByteIdenticalToUnshardedRun()
    {
        string whole = _sweep.Run("whole");
        var shards = Shards(3);
        Assert.That(shards.Select(s => File.ReadAllLines(Path.Combine(s, "runs.csv")).Length - 1), Has.All.GreaterThan(0),
            "each shard got some of the 12 runs, so the merge really joins three parts");
        string merged = _sweep.Out("merged");
        var (code, _, error) = CliRunner.Run(["merge", .. shards, "--out", merged]);
        Assert.That(code, Is.Zero, error);
        SmallSweep.AssertSameResults(whole, merged);
    }

    [Test]
    public void Merge_ShardMissing_RefusedNamingTheRuns()
    {
        var shards = Shards(3);
        string merged = _sweep.Out("merged");
        var (code, _, error) = CliRunner.Run("merge", shards[0], shards[2], "--out", merged);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("is missing"));
        Assert.That(File.Exists(Path.Combine(merged, "runs.csv")), Is.False, "nothing merged");
    }

    [Test]
    public void Merge_ShardGivenTwice_RefusedAsDoubled()
    {
        var shards = Shards(2);
        string copy = _sweep.Out("copy-of-shard1");
        CopyDirectory(shards[0], copy);
        var (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], copy, "--out", _sweep.Out("merged"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("is doubled"));
    }

    /// <summary>
    /// One directory under two spellings (a trailing slash, a symbolic link) is the same directory:
    /// named as given twice, or as the --out, rather than as "in use by" the merge's own process.
    /// </summary>
    [Test]
    public void Merge_SameDirectoryUnderTwoSpellings_RefusedAsSuch()
    {
        var shards = Shards(2);
        string link = _sweep.Out("link-to-shard1");
        Directory.CreateSymbolicLink(link, shards[0]);

        var (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], shards[1] + "/", "--out", _sweep.Out("merged"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("given twice").And.Not.Contain("in use by"));

        foreach (string target in new[] { shards[0] + "/", link })
        {
            (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], "--out", target);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--out: must not be one of the directories merged"));
        }
    }

    /// <summary>
    /// Shards run by two versions of gossipsim may compute different results from one spec, so they
    /// are not merged; shards of one version merge, and the result names their version (the one that
    /// computed it), not the merging tool's.
    /// </summary>
    [Test]
    public void Merge_ShardsOfDifferentVersions_Refused_OneVersionIsKept()
    {
        var shards = Shards(2);
        static void Stamp(string dir, string version)
        {
            string path = Path.Combine(dir, "manifest.json");
            File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "\"tool_version\": \"[^\"]*\"", $"\"tool_version\": \"{version}\""));
        }

        Stamp(shards[1], "0.9.0+older");
        var (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], "--out", _sweep.Out("mixed"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"{shards[1]}: written by gossipsim 0.9.0+older"));

        Stamp(shards[0], "0.9.0+older");
        string merged = _sweep.Out("merged");
        (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], "--out", merged);
        Assert.That(code, Is.Zero, error);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, "manifest.json")));
        Assert.That(manifest.RootElement.GetProperty("tool_version").GetString(), Is.EqualTo("0.9.0+older"));
    }

    [Test]
    public void Merge_ShardsOfDifferentPlans_Refused()
    {
        string a = _sweep.Run("a", "--shard", "1/2");
        string b = _sweep.Run("b", "--shard", "2/2", "--seed", "9");
        var (code, _, error) = CliRunner.Run("merge", a, b, "--out", _sweep.Out("merged"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("planned from a different configuration"));
    }

    [Test]
    public void Shard_SplitOfRunIds_EachRunInExactlyOneShard()
    {
        var ids = Enumerable.Range(0, 200).Select(i => $"s/p{i % 20}/s{i / 20 + 1}").ToList();
        var shards = Enumerable.Range(1, 4).Select(i => new RunShard(i, 4)).ToList();
        foreach (string id in ids) Assert.That(shards.Count(s => s.Contains(id)), Is.EqualTo(1), id);
        Assert.That(shards.Select(s => ids.Count(s.Contains)), Has.All.InRange(30, 70), "roughly a quarter each");
    }

    [Test]
    public void Shard_Hash_IsFnv1a64OfUtf8()
    {
        // Published FNV-1a 64 test vectors: the split must not depend on the runtime's string hash.
        Assert.That(RunShard.Fnv1a64(""), Is.EqualTo(0xcbf29ce484222325UL));
        Assert.That(RunShard.Fnv1a64("a"), Is.EqualTo(0xaf63dc4c8601ec8cUL));
        Assert.That(RunShard.Fnv1a64("foobar"), Is.EqualTo(0x85944171f73967e8UL));
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("1-3")]
    [TestCase("a/b")]
    public void Shard_BadText_Exit2(string text)
    {
        var (code, _, error) = CliRunner.Run("run", _sweep.File, "--shard", text, "--out", _sweep.Out("x"), "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--shard"));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }
}
