namespace GossipSim.Simulator.Runs;

/// <summary>
/// One checked bound at one sweep point: what was observed, whether it held, and the run to
/// replay (the worst seed: the largest value for an upper bound, the smallest for a lower one).
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Point">The sweep point, e.g. "point 3".</param>
/// <param name="Name">What was checked, e.g. "t100_s_mean.mean &lt;= 3s" or "baseline bytes_per_node_s_mean".</param>
/// <param name="Bound">The bound as written (or the baseline and tolerance).</param>
/// <param name="Observed">The statistic the bound was checked against.</param>
/// <param name="Margin">How far the observed value is from the bound.</param>
/// <param name="Passed">Whether the bound held.</param>
/// <param name="WorstSeed">The seed of the run to replay.</param>
/// <param name="WorstRunId">That run's id, as in runs.csv.</param>
/// <param name="Detail">Why it failed, or the margin when it held.</param>
public sealed record CheckVerdict(string Scenario, string Point, string Name, string Bound, double Observed, string Margin, bool Passed,
    string WorstSeed, string WorstRunId, string Detail);
