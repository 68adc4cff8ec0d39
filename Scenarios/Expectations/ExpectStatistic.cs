namespace GossipSim.Scenarios.Expectations;

/// <summary>How an expectation reduces a metric's values across seeds (one value per run) to the one number it bounds.</summary>
public enum ExpectStatistic
{
    Mean,
    P95,
    Max,
    Min,
    /// <summary>Upper end of the 95% confidence interval of the mean.</summary>
    CiHigh,
}
