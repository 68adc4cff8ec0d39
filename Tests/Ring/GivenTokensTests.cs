using GossipSim.Simulator.Random;
using GossipSim.Simulator.Ring;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Ring;

/// <summary>YAML <c>ring.tokens</c>: tokens given in the scenario instead of drawn (Cassandra's initial_token).</summary>
public class GivenTokensTests
{
    private const string Head = "scenarios:\n  - name: a\n";

    /// <summary>Lines 1-4 are the head, nodes and protocol; <paramref name="ring"/> is line 5.</summary>
    private static string Scenario(string ring, string protocol = "{preset: memberlist-lan}", int nodes = 4) =>
        Head + $"    nodes: {nodes}\n    protocol: {protocol}\n" + ring;

    /// <summary>
    /// Four nodes, two tokens each. The ring, clockwise: 100 (0), 200 (1), 300 (2), 400 (3),
    /// 600 (0), 700 (1), 800 (2), 2^64 - 1 (3), then around to 100.
    /// </summary>
    private const string HandRing =
        "    ring: {vnodes: 2, replication_factor: 2, tokens: {0: [600, 100], 1: [200, 700], 2: [300, 800], 3: [400, 18446744073709551615]}}\n";

    /// <summary>Replicas by hand: the owner of the first token >= key, then the next distinct owner clockwise (wrapping).</summary>
    [TestCase(0UL, new[] { 0, 1 })]
    [TestCase(100UL, new[] { 0, 1 })]       // on a token: its owner first
    [TestCase(101UL, new[] { 1, 2 })]
    [TestCase(350UL, new[] { 3, 0 })]
    [TestCase(450UL, new[] { 0, 1 })]
    [TestCase(650UL, new[] { 1, 2 })]
    [TestCase(801UL, new[] { 3, 0 })]       // past 800: the top token, then around to 100
    [TestCase(ulong.MaxValue, new[] { 3, 0 })]
    public void Replicas_GivenRing_MatchHandComputedWalk(ulong key, int[] expected)
    {
        var setup = ScenarioCompiler.Compile(ScenarioYaml.Single(Scenario(HandRing)), 1);
        var registry = new RingRegistry(setup.Ring!, setup.Nodes, new RandomStreams(1).For(StreamPurpose.Ring));
        var held = Enumerable.Range(0, setup.Nodes).Select(n => registry.Current(n).Id).ToArray();
        var into = new int[2];
        int found = registry.Ring.Replicas(key, held, RingPlacement.Simple, null, into, []);
        Assert.That(into.Take(found), Is.EqualTo(expected));
    }

    [Test]
    public void Registry_OneNodeGiven_OthersKeepTheirDrawnTokens()
    {
        var drawn = ScenarioCompiler.Compile(ScenarioYaml.Single(Scenario("    ring: {vnodes: 2}\n")), 1);
        var given = ScenarioCompiler.Compile(ScenarioYaml.Single(Scenario("    ring: {vnodes: 2, tokens: {2: [5, 7]}}\n")), 1);
        var a = new RingRegistry(drawn.Ring!, 4, new RandomStreams(9).For(StreamPurpose.Ring));
        var b = new RingRegistry(given.Ring!, 4, new RandomStreams(9).For(StreamPurpose.Ring));
        Assert.That(b.Current(2).Tokens, Is.EqualTo(new ulong[] { 5, 7 }));
        foreach (int node in new[] { 0, 1, 3 }) Assert.That(b.Current(node).Tokens, Is.EqualTo(a.Current(node).Tokens), $"node {node}");
        Assert.That(b.Move(1).Tokens, Is.EqualTo(a.Move(1).Tokens), "a move draws the same tokens either way");
        Assert.That(given.Ring!.GivenTokens![2], Is.EqualTo(new ulong[] { 5, 7 }), "the registry sorts a copy, not the settings");
    }

    [Test]
    public void SwimMeta_GivenTokens_CarriesThemRaw()
    {
        Assert.That(ScenarioCompiler.Compile(ScenarioYaml.Single(Scenario(HandRing)), 1).Ring!.SwimMetaBytes, Is.EqualTo(4 + 8 * 2));
        Assert.That(ScenarioCompiler.Compile(ScenarioYaml.Single(Scenario("    ring: {vnodes: 2}\n")), 1).Ring!.SwimMetaBytes, Is.EqualTo(RingSettings.DrawnSwimMetaBytes));
    }

    [Test]
    public void Load_NoTokens_CanonicalYamlUnchanged()
    {
        Assert.That(ScenarioYaml.Single(Scenario("    ring: {vnodes: 2}\n")).CanonicalYaml(), Does.Not.Contain("tokens"));
    }

    [TestCase("    ring: {vnodes: 2, tokens: {1: [1, 2, 3]}}\n", "[1, 2, 3]", "ring.tokens.1", "given 3 token(s), but ring.vnodes is 2")]
    [TestCase("    ring: {vnodes: 2, tokens: {0: [1, 2], 3: [5, 2]}}\n", "2]}}", "ring.tokens.3[1]", "token 2 is given twice: also at ring.tokens.0[1]")]
    [TestCase("    ring: {vnodes: 2, tokens: {1: [9, 9]}}\n", "9]}}", "ring.tokens.1[1]", "token 9 is given twice")]
    [TestCase("    ring: {vnodes: 2, tokens: {4: [1, 2]}}\n", "[1, 2]", "ring.tokens.4", "node id 4 is out of range: nodes are 0 to 3")]
    [TestCase("    ring: {vnodes: 2, tokens: {0: [1, -2]}}\n", "-2", "ring.tokens.0[1]", "must be >= 0")]
    [TestCase("    ring: {vnodes: 2, tokens: {0: [1, 18446744073709551616]}}\n", "1844", "ring.tokens.0[1]", "expected an unsigned 64-bit whole number")]
    [TestCase("    ring: {vnodes: 2, tokens: {x1: [1, 2]}}\n", "x1", "ring.tokens.x1", "use a node id")]
    public void Load_BadTokens_LocatedError(string ring, string marker, string key, string fragment)
    {
        var errors = ScenarioYaml.Errors(Scenario(ring));
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        var e = errors[0];
        Assert.That((e.Line, e.Column, e.Key), Is.EqualTo((5, ring.IndexOf(marker, StringComparison.Ordinal) + 1, key)), e.ToString());
        Assert.That(e.Message, Does.Contain(fragment));
    }

    [Test]
    public void Load_64GivenTokens_OverSwimMetaLimitButFineUnderHeartbeat()
    {
        string ring = "    ring: {vnodes: 64, tokens: {0: [" + string.Join(", ", Enumerable.Range(1, 64)) + "]}}\n";
        var error = ScenarioYaml.Errors(Scenario(ring)).Single();
        Assert.That((error.Line, error.Column, error.Key), Is.EqualTo((5, ring.IndexOf("{0:", StringComparison.Ordinal) + 1, "ring.tokens")), error.ToString());
        Assert.That(error.Message, Does.Contain("over memberlist's 512 B meta limit: use vnodes <= 63"));
        var spec = ScenarioYaml.Single(Scenario(ring, "{preset: cassandra}"));
        Assert.That(ScenarioCompiler.Compile(spec, 1).Ring!.GivenTokens![0], Has.Length.EqualTo(64), "Cassandra gossips TOKENS whole: no limit");
        Assert.That(ScenarioCompiler.Compile(ScenarioYaml.Single(Scenario("    ring: {vnodes: 64, tokens: {}}\n")), 1).Ring!.GivenTokens, Is.Null, "an empty map gives none");
    }

    [TestCase("{preset: memberlist-lan}")]
    [TestCase("{preset: cassandra}")]
    public void Run_GivenTokensNoFaults_EveryRequestOkAndTokensTravel(string protocol)
    {
        string yaml = Scenario(HandRing + "    duration: 30s\n    workload: {rate: 200/s, start: 15s}\n", protocol);
        var outcome = RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single(yaml), 1), timing: false);
        var row = outcome.Row;
        Assert.That(double.Parse(row.Get("requests")!), Is.GreaterThan(1_000));
        Assert.That(row.Get("request_ok"), Is.EqualTo(row.Get("requests")));
        Assert.That(double.Parse(row.Get("ring_bytes_per_node_s")!), Is.GreaterThan(0));
    }
}
