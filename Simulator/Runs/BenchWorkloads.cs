using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// The named workloads of <c>gossipsim bench</c> beyond bw1: ordinary scenario points, compiled and
/// run by the same <see cref="ScenarioCompiler"/> and <see cref="RunExecutor"/> (with every tracker)
/// as <c>gossipsim run</c>, so a benchmark times what users run. <c>gossipsim run</c> takes the same
/// text (README, "Speed") if one wants their result files.
/// </summary>
public static class BenchWorkloads
{
    public const string Bw1 = "bw1";

    public const string Yaml = """
        defaults:
          nodes: 1200
          seed: 1
          network:
            latency: {dist: uniform, min: 1ms, max: 10ms}
            loss: 0.01
        scenarios:
          # SWIM as memberlist's LAN defaults, one virtual hour, no faults.
          - name: swim-1200
            duration: 1h
            protocol: {preset: memberlist-lan}
            updates: {at: [1s]}
          # Cassandra's gossip: 3-way digest exchange, exponential phi (threshold 8), ten minutes.
          - name: heartbeat-1200
            duration: 10m
            protocol: {preset: cassandra}
            updates: {at: [1s]}
          # Push-pull anti-entropy of one write a second through 100,000 nodes.
          - name: pushpull-100k
            nodes: 100000
            duration: 10s
            protocol: {kind: pushpull, mode: anti-entropy, fanout: 3, interval: 200ms}
            updates: {every: 1s}
          # SWIM at 100,000 nodes, ten virtual minutes.
          - name: swim-100k
            nodes: 100000
            duration: 10m
            protocol: {preset: memberlist-lan}
            updates: {at: [1s]}
          # One rumor from one node to every one of 1,000,000 (push-pull, fanout 1, 200 ms rounds).
          - name: rumor-1m
            nodes: 1000000
            duration: 6s
            protocol: {kind: pushpull, mode: anti-entropy, fanout: 1, interval: 200ms}
            updates: {at: [1s], from: 0}
        """;

    /// <summary>Every workload name, bw1 first.</summary>
    public static IReadOnlyList<string> Names { get; } = [Bw1, "swim-1200", "heartbeat-1200", "pushpull-100k", "swim-100k", "rumor-1m"];

    /// <summary>The workload's scenario point with <paramref name="overrides"/> (PATH=VALUE) applied.</summary>
    public static ScenarioSpec Point(string name, IReadOnlyList<string> overrides)
    {
        var set = ScenarioLoader.Parse(Yaml, "bench-workloads.yaml", overrides);
        foreach (var point in set.Points)
            if (point.Name == name) return point;
        throw new ArgumentException($"no bench workload named '{name}'", nameof(name));
    }
}
