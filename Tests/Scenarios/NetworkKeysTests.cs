using GossipSim.Scenarios;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Scenarios;

/// <summary>The optional network and fault keys: they compile to the engine's records, and bad values are located errors.</summary>
public class NetworkKeysTests
{
    private const long Ms = 1_000;

    private static string Yaml(string network, string faults = "[]") => ScenarioYaml.Lines(
        "scenarios:",
        "  - name: n",
        "    nodes: 90",
        "    duration: 60s",
        "    network: " + network,
        "    faults: " + faults);

    private const string Zones = "{zones: {names: [a, b, c], links: [{between: [a, b], latency: {dist: constant, value: 40ms}, loss: 0.02}]}}";

    /// <summary>
    /// A probability may be written as a percentage, read exactly (1.1% is 0.011, the spec of
    /// loss: 0.011), as expect: bounds are; a percentage past 100%, or on a key that is not a
    /// probability, is a located error.
    /// </summary>
    [Test]
    public void Probability_AsAPercentage_IsTheSameSpecAsTheFraction()
    {
        var percent = ScenarioYaml.Single(Yaml("{loss: 1.1%, duplicate: 0.5 %}"));
        var fraction = ScenarioYaml.Single(Yaml("{loss: 0.011, duplicate: 0.005}"));
        var past = ScenarioYaml.Errors(Yaml("{loss: 150%}"));
        var notProbability = ScenarioYaml.Errors(Yaml("{loss: 0.01}", "[{at: 1s, churn: {model: poisson, departures_per_s: 5%}}]"));
        Assert.Multiple(() =>
        {
            Assert.That(percent.Real("network.loss"), Is.EqualTo(0.011));
            Assert.That(percent.CanonicalYaml(), Is.EqualTo(fraction.CanonicalYaml()));
            Assert.That(past.Select(e => (e.Line, e.Key, e.Message)), Is.EqualTo(new[] { (5, "network.loss", "must be in [0, 1], got 150%") }));
            Assert.That(notProbability.Single().Key, Does.EndWith("departures_per_s"));
            Assert.That(notProbability.Single().Message, Is.EqualTo("expected a number, got '5%'"));
        });
    }

    [Test]
    public void Network_AllModels_CompileToNetworkSetup()
    {
        var spec = ScenarioYaml.Single(Yaml(
            "{latency: {dist: pareto, scale: 1ms, shape: 2.5, pair_fixed: true, jitter: 200us}, mtu: 1400, duplicate: 0.01, " +
            "uplink: {bytes_per_s: 1250000, queue_bytes: 65536}, burst_loss: {p_good_bad: 0.01, p_bad_good: 0.3, per: sender}, " +
            "zones: {names: [a, b], layout: round_robin, links: [{between: [a, b], loss: 0.05}]}}"));
        var setup = ScenarioCompiler.Compile(spec, 1);
        Assert.That(setup.Latency, Is.EqualTo(LatencySpec.Pareto(1 * Ms, 2.5) with { PairFixed = true, JitterUs = 200 }));
        var n = setup.Network;
        Assert.That((n.MtuBytes, n.Duplicate, n.UplinkBytesPerS, n.UplinkQueueBytes), Is.EqualTo((1400, 0.01, 1_250_000L, 65_536L)));
        Assert.That(n.BurstLoss, Is.EqualTo(new BurstLossSpec(0.01, 0.3, 0, 1, true)));
        Assert.That(n.Zones!.Names, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(n.Zones.ZoneOf(3), Is.EqualTo(1));
        Assert.That(n.ZoneLinks.Single(), Is.EqualTo(new ZoneLink(0, 1, null, 0.05)));
        // Runs end to end.
        var outcome = RunExecutor.Execute(setup with { DurationUs = 5_000_000 }, timing: false);
        foreach (var column in new[] { "messages_lost_burst", "messages_duplicated", "messages_fragmented", "uplink_drops", "uplink_wait_mean_ms", "uplink_wait_max_ms" })
            Assert.That(outcome.Row.Get(column), Is.Not.Null, column);
    }

    [Test]
    public void Network_NoNewKeys_PlainSetupAndUnchangedCanonicalText()
    {
        var spec = ScenarioYaml.Single(Yaml("{latency: {dist: constant, value: 1ms}}"));
        Assert.That(ScenarioCompiler.Compile(spec, 1).Network, Is.SameAs(NetworkSetup.Plain));
        Assert.That(spec.CanonicalYaml(), Does.Not.Contain("pair_fixed").And.Not.Contain("zones").And.Not.Contain("mtu"));
    }

    [Test]
    public void Empirical_FileRelativeToScenario_LoadsAndBadRowIsLocated()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gossipsim-empirical-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "rtt.csv"), ["latency_ms,cdf", "1,0.2", "5,1"]);
        File.WriteAllLines(Path.Combine(dir, "bad.csv"), ["latency_ms", "1", "2ms"]);
        string scenario = Path.Combine(dir, "s.yaml");
        File.WriteAllText(scenario, Yaml("{latency: {dist: empirical, file: rtt.csv}}"));
        var setup = ScenarioCompiler.Compile(ScenarioLoader.Load(scenario).Points[0], 1);
        Assert.That((setup.Latency.ValuesUs, setup.Latency.Cdf), Is.EqualTo((new[] { 1_000.0, 5_000.0 }, new[] { 0.2, 1.0 })));
        Assert.That(ScenarioLoader.Load(scenario).Points[0].CanonicalYaml(), Does.Contain("file: rtt.csv").And.Not.Contain(dir));

        File.WriteAllText(scenario, Yaml("{latency: {dist: empirical, file: bad.csv}}"));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(scenario))!.Errors.Single();
        Assert.That((error.Line, error.Key), Is.EqualTo((5, "network.latency.file")));
        Assert.That(error.Message, Does.Contain("bad.csv:3: latency_ms: expected a number >= 0, got '2ms'"));
    }

    [TestCase("{latency: {dist: pareto, scale: 1ms, shape: 1}}", "network.latency.shape", "must be in")]
    [TestCase("{latency: {dist: pareto, scale: 0, shape: 2}}", "network.latency.scale", "must be > 0")]
    [TestCase("{latency: {dist: empirical, file: nowhere.csv}}", "network.latency.file", "file not found")]
    [TestCase("{latency: {dist: constant, value: 1ms, jitter: 1ms}}", "network.latency.jitter", "needs pair_fixed")]
    [TestCase("{burst_loss: {p_good_bad: 0.1, p_bad_good: 0}}", "network.burst_loss.p_bad_good", "must be > 0")]
    [TestCase("{burst_loss: {p_good_bad: 0.1}}", "network.burst_loss.p_bad_good", "missing required key")]
    [TestCase("{duplicate: 1.5}", "network.duplicate", "must be in [0, 1]")]
    [TestCase("{mtu: 10}", "network.mtu", "must be >= 64")]
    [TestCase("{uplink: {queue_bytes: 10}}", "network.uplink.bytes_per_s", "missing required key")]
    [TestCase("{zones: {names: [a, a]}}", "network.zones.names[1]", "listed twice")]
    [TestCase("{zones: {names: [a, b], links: [{between: [a, x], loss: 0.1}]}}", "network.zones.links[0].between[1]", "unknown zone 'x'")]
    [TestCase("{zones: {names: [a, b], links: [{between: [a], loss: 0.1}]}}", "network.zones.links[0].between", "needs at least 2")]
    [TestCase("{zones: {names: [a, b], links: [{between: [a, b]}]}}", "network.zones.links[0].between", "needs latency or loss")]
    [TestCase("{zones: {names: [a, b], links: [{between: [a, b], loss: 0.1}, {between: [b, a], loss: 0.2}]}}", "network.zones.links[1].between", "listed twice")]
    public void Network_BadKey_ErrorWithLineAndKey(string network, string key, string message) =>
        AssertError(Yaml(network), 5, key, message);

    private static void AssertError(string yaml, int line, string key, string message)
    {
        var errors = ScenarioYaml.Errors(yaml);
        var error = errors.FirstOrDefault(e => e.Key == key);
        Assert.That(error, Is.Not.Null, string.Join("\n", errors));
        Assert.That((error!.File, error.Line), Is.EqualTo((ScenarioYaml.File, line)));
        Assert.That(error.Message, Does.Contain(message));
    }

    [TestCase("[{at: 1s, slow: {count: 2}}]", "faults[0].slow.factor", "missing required key")]
    [TestCase("[{at: 1s, slow: {count: 2, factor: 0.5}}]", "faults[0].slow.factor", "must be in")]
    [TestCase("[{at: 1s, crash: {zone: x}}]", "faults[0].crash.zone", "unknown zone 'x'")]
    [TestCase("[{at: 1s, churn: {model: poisson}}]", "faults[0].churn.departures_per_s", "needs departures_per_s or arrivals_per_s")]
    [TestCase("[{at: 1s, churn: {model: weibull, shape: 0.5}}]", "faults[0].churn.scale", "missing required key")]
    [TestCase("[{at: 1s, churn: {model: weibull, shape: 0.5, scale: 10s, arrivals_per_s: 1}}]", "faults[0].churn.arrivals_per_s", "unknown key")]
    [TestCase("[{at: 1s, churn: {model: poisson, arrivals_per_s: 1, exclude: [90]}}]", "faults[0].churn.exclude[0]", "does not exist")]
    [TestCase("[{at: 1s, slow: {count: 1, factor: 2}, for: 60s}]", "faults[0].for", "ends after the run")]
    public void Faults_BadNewKind_ErrorWithLineAndKey(string faults, string key, string message) =>
        AssertError(Yaml(Zones, faults), 6, key, message);

    [Test]
    public void Faults_NewKinds_CompileWithZoneTargets()
    {
        var spec = ScenarioYaml.Single(Yaml(Zones,
            "[{at: 1s, slow: {fraction: 0.1, zone: b, factor: 30}, for: 10s}, {at: 2s, partition: {zone: c, direction: out}, until: 20s}, " +
            "{at: 3s, churn: {model: weibull, shape: 0.7, scale: 30s, downtime: 5s, departure: leave, exclude: [0]}}, " +
            "{at: 4s, degrade: {zone: a, loss: 0.2}}]"));
        var f = ScenarioCompiler.Compile(spec, 1).Faults;
        Assert.That(f[0], Is.EqualTo(new SlowFault(1_000_000, ((SlowFault)f[0]).Targets, 30, 1_000, 1024, 10_000_000)));
        Assert.That(((SlowFault)f[0]).Targets with { Exclude = null }, Is.EqualTo(new FaultTargets(Fraction: 0.1, Zone: "b")));
        Assert.That(((PartitionFault)f[1]).Targets.Zone, Is.EqualTo("c"));
        var churn = (ChurnFault)f[2];
        Assert.That(churn.Model with { Exclude = null }, Is.EqualTo(new ChurnModel(true, Shape: 0.7, ScaleUs: 30_000_000, DowntimeUs: 5_000_000, Leave: true)));
        Assert.That((churn.Index, churn.Model.Exclude), Is.EqualTo((2, new[] { 0 })));
        Assert.That(((DegradeFault)f[3]).Targets, Is.EqualTo(new FaultTargets(Zone: "a")));
    }
}
