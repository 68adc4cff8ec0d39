using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// The named workloads of <c>gossipsim bench</c>. bw1 is the peer baselines' workload (Benchmarks/peers)
/// as a fixed run setup; every other one is an ordinary scenario, compiled and run exactly as
/// <c>gossipsim run</c> would, trackers included, so its figures are what a user's run costs.
/// </summary>
public static class BenchWorkloads
{
    public const string Bw1 = "bw1";

    /// <summary>
    /// Scenario text of each named workload. Network as bw1 (uniform 1-10 ms, 1% loss); sizes and
    /// durations span the everyday 1,200-node cluster to the 100,000 and 1,000,000-node scale targets. The membership workloads carry no application updates
    /// (their protocols do not spread them): steady-state membership traffic and detection only.
    /// </summary>
    private static readonly (string Name, string Description, string Scenario)[] Scenarios =
    [
        ("swim-1200", "SWIM with Lifeguard, memberlist LAN defaults, 1,200 nodes, one hour virtual",
            "nodes: 1200\n    duration: 1h\n    protocol: {preset: memberlist-lan}"),
        ("heartbeat-1200", "Cassandra-style heartbeat gossip, digest exchange, exponential phi, 1,200 nodes, ten minutes virtual",
            "nodes: 1200\n    duration: 10m\n    protocol: {preset: cassandra}"),
        ("pushpull-100k", "push-pull anti-entropy, fanout 3, 200 ms, one update a second, 100,000 nodes, 10 s virtual",
            "nodes: 100000\n    duration: 10s\n    protocol: {kind: pushpull, mode: anti-entropy, fanout: 3, interval: 200ms}\n    updates: {every: 1s}"),
        ("swim-100k", "SWIM with Lifeguard, memberlist LAN defaults, 100,000 nodes, one minute virtual",
            "nodes: 100000\n    duration: 60s\n    protocol: {preset: memberlist-lan}"),
        ("swim-1m", "SWIM with Lifeguard, memberlist LAN defaults, 1,000,000 nodes, one node crashes at 10 s, one minute virtual: detection at a million nodes",
            "nodes: 1000000\n    duration: 60s\n    protocol: {preset: memberlist-lan}\n    faults: [{at: 10s, crash: {count: 1}}]"),
        ("rumor-1m", "push-pull rumor mongering of one rumor from node 0 at time 0 (no stop rule) until every one of 1,000,000 nodes has it, 5 s virtual",
            "nodes: 1000000\n    duration: 5s\n    protocol: {kind: pushpull, mode: rumor, fanout: 1, interval: 200ms, stop: none}\n    updates: {at: [0s], from: 0}"),
    ];

    public static IEnumerable<string> Names => Scenarios.Select(s => s.Name).Prepend(Bw1);

    public static string? Describe(string name) =>
        name == Bw1 ? "the baselines' bw1: push anti-entropy of node 0's counter, fanout 3, 200 ms (Benchmarks/peers)"
        : Scenarios.FirstOrDefault(s => s.Name == name).Description;

    /// <summary>The workload's one scenario point, validated as any scenario file is; null for bw1 and unknown names.</summary>
    /// <param name="name">A name of <see cref="Names"/>.</param>
    /// <param name="overrides">--set style overrides (PATH=VALUE), e.g. nodes=5000.</param>
    public static ScenarioSpec? Point(string name, IReadOnlyList<string>? overrides = null)
    {
        var entry = Scenarios.FirstOrDefault(s => s.Name == name);
        if (entry.Name is null) return null;
        string yaml = "defaults:\n  network:\n    latency: {dist: uniform, min: 1ms, max: 10ms}\n    loss: 0.01\n" +
            $"scenarios:\n  - name: {name}\n    {entry.Scenario}\n";
        return ScenarioLoader.Parse(yaml, $"bench:{name}", overrides).Points.Single();
    }
}
