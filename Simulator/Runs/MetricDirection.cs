namespace GossipSim.Simulator.Runs;

/// <summary>Which way a runs.csv metric gets worse, as a baseline comparison judges it.</summary>
public enum MetricDirection
{
    /// <summary>A larger value is worse: times, bytes, messages, false deaths, failed requests.</summary>
    LowerIsBetter,
    /// <summary>A smaller value is worse: shares reached or correct, events converged, requests served.</summary>
    HigherIsBetter,
    /// <summary>A size or count of the setup itself, or what the run cost the machine: not behaviour, so never compared (naming it under <c>baseline:</c> fails).</summary>
    NotBehaviour,
}
