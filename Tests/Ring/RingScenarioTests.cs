using GossipSim.Scenarios.Expectations;
using GossipSim.Simulator.Ring;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Ring;

public class RingScenarioTests
{
    private const string Head = "scenarios:\n  - name: a\n";

    /// <summary>Lines 1-4 are the head, nodes and protocol; <paramref name="extra"/> starts on line 5.</summary>
    private static string Swim(string extra) => Head + "    nodes: 40\n    protocol: {preset: memberlist-lan}\n" + extra;

    [Test]
    public void Compile_RingAndWorkload_TypedSettings()
    {
        var spec = ScenarioYaml.Single(Swim("    network: {zones: {names: [a, b, c, d], layout: round_robin}}\n    ring: {vnodes: 64, replication_factor: 2, placement: zone_aware}\n    workload: {rate: 5000/s, keys: {zipf: 1.2}, start: 5s, sample: 500/s}\n"));
        var setup = ScenarioCompiler.Compile(spec, 1);
        Assert.That(setup.Ring, Is.Not.Null);
        Assert.That((setup.Ring!.Vnodes, setup.Ring.ReplicationFactor, setup.Ring.Placement, setup.Ring.Zones!.Count), Is.EqualTo((64, 2, RingPlacement.ZoneAware, 4)));
        Assert.That(setup.Ring.Zones.ZoneOf(5), Is.EqualTo(1), "ring placement reads the network's zones");
        Assert.That(setup.Requests, Is.EqualTo(new RequestPlan(5000, 5_000_000, 1.2, 100_000, 500)));
        Assert.That(setup.Requests!.SampledFraction, Is.EqualTo(0.1));
    }

    [Test]
    public void Compile_NoRing_NoRingOrRequests()
    {
        var setup = ScenarioCompiler.Compile(ScenarioYaml.Single(Swim("")), 1);
        Assert.That((setup.Ring, setup.Requests), Is.EqualTo(((RingSettings?)null, (RequestPlan?)null)));
    }

    [TestCase("    ring: {vnodes: 0}\n", 5, 20, "ring.vnodes", "must be >= 1")]
    [TestCase("    ring: {placement: zone}\n", 5, 23, "ring.placement", "is not one of simple, zone_aware")]
    [TestCase("    ring: {}\n    workload: {rate: fast}\n", 6, 22, "workload.rate", "expected a rate such as 1000/s")]
    [TestCase("    ring: {}\n    workload: {keys: {zipf: -1}}\n", 6, 29, "workload.keys.zipf", "must be in [0, 10]")]
    [TestCase("    workload: {rate: 10/s}\n", 5, 15, "workload", "needs a ring")]
    [TestCase("    faults: [{at: 1s, move: {count: 1}}]\n", 5, 29, "faults[0].move", "needs a ring")]
    [TestCase("    ring: {placement: zone_aware}\n", 5, 23, "ring.placement", "needs zones: give network.zones")]
    public void Load_BadRingKeys_LocatedError(string extra, int line, int column, string key, string fragment)
    {
        var errors = ScenarioYaml.Errors(Swim(extra));
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        var e = errors[0];
        Assert.That((e.Line, e.Column, e.Key), Is.EqualTo((line, column, key)), e.ToString());
        Assert.That(e.Message, Does.Contain(fragment));
    }

    [Test]
    public void Load_RingOnRumor_Error()
    {
        var errors = ScenarioYaml.Errors(Head + "    ring: {}\n");
        Assert.That(errors.Single().Message, Does.Contain("protocol.kind must be heartbeat or swim"));
    }

    [Test]
    public void Load_RingOnHeartbeatPush_Error()
    {
        var errors = ScenarioYaml.Errors(Head + "    nodes: 40\n    protocol: {kind: heartbeat, exchange: push}\n    ring: {}\n");
        Assert.That(errors.Single().Message, Does.Contain("exchange: digest"));
    }

    [TestCase("request.sent_to_dead.rate < 0.001", "request_sent_to_dead_rate", ExpectStatistic.Max)]
    [TestCase("request.sent_to_dead.rate.mean < 0.001", "request_sent_to_dead_rate", ExpectStatistic.Mean)]
    [TestCase("request_wrong_owner_rate.max <= 1%", "request_wrong_owner_rate", ExpectStatistic.Max)]
    public void Parse_MetricPath_MapsToColumn(string text, string column, ExpectStatistic statistic)
    {
        var e = ExpectationParser.Parse(text, out string? problem, out _);
        Assert.That(e, Is.Not.Null, problem);
        Assert.That((e!.Metric, e.Statistic), Is.EqualTo((column, statistic)));
    }

    [Test]
    public void Parse_OneDotUnknownStatistic_StillAnError()
    {
        Assert.That(ExpectationParser.Parse("t100_s_mean.maxx <= 3s", out string? problem, out _), Is.Null);
        Assert.That(problem, Does.Contain("unknown statistic 'maxx'"));
    }

    [Test]
    public void Run_RoutingScenarioSameSeedTwice_ByteIdenticalOutputs()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gossipsim-ring-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "s.yaml"), Swim(
                "    duration: 20s\n    initial_nodes: 38\n    ring: {vnodes: 16}\n    workload: {rate: 2000/s, keys: {zipf: 1.0}, key_space: 1000}\n" +
                "    faults: [{at: 5s, crash: {count: 2, exclude: [0, 1, 2]}}, {at: 8s, join: {count: 2}}, {at: 12s, move: {count: 1}}]\n"));
            string Run(string name)
            {
                string output = Path.Combine(dir, name);
                var (code, _, error) = CliRunner.Run(["run", Path.Combine(dir, "s.yaml"), "--out", output, "--quiet", "--no-timing"]);
                Assert.That(code, Is.Zero, error);
                return output;
            }
            string a = Run("a"), b = Run("b");
            foreach (string file in new[] { "runs.csv", "events.csv", "timeseries.csv" })
                Assert.That(File.ReadAllText(Path.Combine(a, file)), Is.EqualTo(File.ReadAllText(Path.Combine(b, file))), file);
            string events = File.ReadAllText(Path.Combine(a, "events.csv"));
            Assert.That(events, Does.Contain("ring_join").And.Contain("ring_move"));
            Assert.That(File.ReadAllText(Path.Combine(a, "timeseries.csv")), Does.Contain("request_wrong_owner"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
