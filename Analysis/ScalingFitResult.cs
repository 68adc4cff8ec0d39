namespace GossipSim.Analysis;

/// <summary>
/// A least-squares line y = intercept + slope·ln n through one point per run of a node-count
/// sweep, y being convergence in rounds (t100 / interval) when the interval is known, else in
/// seconds. The slope's 95% CI is slope ± t(0.975, m-2)·se(slope). TheorySlope is the
/// epidemic constant for the protocol kind, in rounds per ln n, when it applies.
/// </summary>
public sealed record ScalingFitResult(
    string Scenario,
    string Unit,
    double[] LnNodes,
    double[] Convergence,
    double Intercept,
    double Slope,
    double SlopeCi95Low,
    double SlopeCi95High,
    double RSquared,
    double? TheorySlope,
    string? TheorySource)
{
    public int Runs => LnNodes.Length;

    public bool? TheoryInsideCi => TheorySlope is double t ? t >= SlopeCi95Low && t <= SlopeCi95High : null;
}
