using GossipSim.Analysis;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Check;

/// <summary>Every metric column a run can write has a declared direction, so a baseline never guesses which way is worse.</summary>
public class MetricDirectionsTests
{
    /// <summary>
    /// One scenario per protocol family, each with every optional column it can have: updates,
    /// every fault kind that adds columns (crash, pause, slow, partition with a heal, churn), every optional
    /// network model (bursty loss, duplicates, an MTU, uplinks), and the ring with its request
    /// workload on the families that carry one. A new family or option belongs here.
    /// </summary>
    private const string EveryColumn = """
        defaults:
          nodes: 40
          duration: 10s
          network:
            latency: {dist: uniform, min: 1ms, max: 10ms}
            loss: 0.01
            burst_loss: {p_good_bad: 0.002, p_bad_good: 0.2}
            duplicate: 0.01
            mtu: 1400
            uplink: {bytes_per_s: 1000000, queue_bytes: 1000000}
          updates: {every: 1s}
          faults:
            - {at: 2s, crash: {count: 1, exclude: [0, 1, 2]}}
            - {at: 2s, pause: {count: 1, exclude: [0, 1, 2]}, for: 1s}
            - {at: 2s, slow: {count: 1, factor: 10, exclude: [0, 1, 2]}, for: 1s}
            - {at: 3s, partition: {fraction: 0.1, exclude: [0, 1, 2]}, for: 1s}
            - {at: 3s, churn: {model: poisson, departures_per_s: 1, arrivals_per_s: 1, exclude: [0, 1, 2]}, for: 1s}
          heal_at: 5s
        scenarios:
          - name: push
            protocol: {kind: push}
          - name: pull
            protocol: {kind: pull}
          - name: pushpull-rumor
            protocol: {kind: pushpull, mode: rumor}
          - name: swim
            protocol: {preset: memberlist-lan}
            updates: none
            ring: {vnodes: 8, replication_factor: 3}
            workload: {rate: 100/s, keys: uniform, start: 1s}
          - name: heartbeat-phi
            protocol: {preset: cassandra}
            updates: none
            ring: {vnodes: 8, replication_factor: 3}
            workload: {rate: 100/s, keys: uniform, start: 1s}
          - name: heartbeat-timeout
            protocol: {kind: heartbeat, interval: 1s, exchange: push, fanout: 3, detector: {kind: timeout, fail: 10s, cleanup: 20s}}
            updates: none
          - name: phi-over-gossip
            protocol: {preset: phi-over-gossip}
            updates: none
          - name: akka
            protocol: {preset: akka}
            updates: none
        """;

    /// <summary>The runs.csv columns of a point, with the timing columns a run without --no-timing adds, from a run of no virtual time.</summary>
    private static IEnumerable<string> Columns(GossipSim.Scenarios.ScenarioSpec point) =>
        RunExecutor.Execute(ScenarioCompiler.Compile(point, point.Seed), timing: true, stopAtUs: 0).Row.Cells.Select(c => c.Key);

    [Test]
    public void EveryMetricColumnOfEveryProtocolFamily_HasADirection()
    {
        var columns = ScenarioYaml.Load(EveryColumn).Points.SelectMany(Columns).Distinct().Where(c => !ResultColumns.IsIdentity(c)).ToList();
        Assert.That(columns, Does.Contain("request_ok_rate").And.Contain("phi_half_first_s").And.Contain("uplink_wait_max_ms").And.Contain("wall_s")
            .And.Contain("churn_arrivals_skipped"),
            "the scenarios reach the optional columns");
        Assert.That(columns.Where(c => MetricDirections.Of(c) is null), Is.Empty, "columns without a direction in MetricDirections");
    }

    [TestCase("request_ok_rate", MetricDirection.HigherIsBetter)]
    [TestCase("ring_events_converged", MetricDirection.HigherIsBetter)]
    [TestCase("request_wrong_owner_rate", MetricDirection.LowerIsBetter)]
    [TestCase("bytes_ping_per_node_s", MetricDirection.LowerIsBetter)]
    [TestCase("observer_node_hours", MetricDirection.NotBehaviour)]
    public void Direction(string column, MetricDirection direction) => Assert.That(MetricDirections.Of(column), Is.EqualTo(direction));
}
