using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Support;

/// <summary>
/// Runs that between them write every runs.csv column there is, for the tests that hold each
/// column to a declaration elsewhere (its direction, its documentation).
/// </summary>
internal static class EveryColumnRuns
{
    /// <summary>
    /// One scenario per protocol family, each with every optional column it can have: updates,
    /// every fault kind that adds columns (crash, pause, slow, partition with a heal, churn), every optional
    /// network model (bursty loss, duplicates, an MTU, uplinks), the ring with its request
    /// workload on the families that carry one, and a swept key. A new family or option belongs here.
    /// </summary>
    public const string Yaml = """
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
            sweep: {grid: {protocol.fanout: [2]}}
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

    /// <summary>
    /// Every runs.csv column of the scenarios above, in order of first appearance, with the timing
    /// columns a run without --no-timing adds, each point run for no virtual time (which writes
    /// every column its protocol, faults, network, ring and workload have).
    /// </summary>
    public static IReadOnlyList<string> Columns() =>
        ScenarioYaml.Load(Yaml).Points
            .SelectMany(point => RunExecutor.Execute(ScenarioCompiler.Compile(point, point.Seed), timing: true, stopAtUs: 0).Row.Cells.Select(c => c.Key))
            .Distinct().ToList();
}
