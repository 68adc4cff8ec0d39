namespace GossipSim.Tests.Support;

/// <summary>
/// Scenario-file scaffolding the command tests share: a small push-pull anti-entropy cluster on
/// the shipped network (uniform 1-10 ms, 1% loss) with one update a second. A test adds its own
/// <c>scenarios:</c> list, so only what the test is about is written in the test.
/// </summary>
public static class TestYaml
{
    /// <summary>A <c>defaults:</c> block ending in a newline, ready for a <c>scenarios:</c> list.</summary>
    public static string Defaults(int nodes, string duration, int seeds, int fanout) => $$"""
        defaults:
          nodes: {{nodes}}
          duration: {{duration}}
          seeds: {{seeds}}
          network: {latency: {dist: uniform, min: 1ms, max: 10ms}, loss: 0.01}
          protocol: {kind: pushpull, fanout: {{fanout}}, interval: 200ms}
          updates: {every: 1s}

        """;
}
