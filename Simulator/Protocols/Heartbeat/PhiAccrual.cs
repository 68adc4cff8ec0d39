namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The phi accrual failure detector's formulas (Hayashibara et al. 2004) in the two forms the
/// simulator models, as pure functions of milliseconds so they can be checked against hand
/// computations.
/// </summary>
public static class PhiAccrual
{
    /// <summary>Cassandra's PHI_FACTOR = 1 / ln 10 (docs/references.md §2, FailureDetector.java).</summary>
    public static readonly double PhiFactor = 1.0 / Math.Log(10.0);

    /// <summary>
    /// Akka's phi under a normal model of inter-arrival times, with its logistic approximation of
    /// the normal CDF (docs/references.md §3, PhiAccrualFailureDetector.scala):
    /// y = (Δt − μ)/σ; e = exp(−y·(1.5976 + 0.070566·y²));
    /// φ = −log10(e/(1+e)) if Δt &gt; μ, else −log10(1 − 1/(1+e)).
    /// The caller passes μ already including the acceptable pause and σ already floored at min_std.
    /// </summary>
    public static double PhiNormal(double deltaMs, double meanMs, double sdMs)
    {
        double y = (deltaMs - meanMs) / sdMs;
        double e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return deltaMs > meanMs ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }

    /// <summary>Cassandra's phi under an exponential model: φ = (now − tLast) / mean (docs/references.md §2).</summary>
    public static double PhiExponential(double deltaMs, double meanMs) => deltaMs / meanMs;

    /// <summary>Cassandra convicts when PHI_FACTOR·φ &gt; phi_convict_threshold (docs/references.md §2).</summary>
    public static bool ExponentialConvicts(double phi, double threshold) => PhiFactor * phi > threshold;

    /// <summary>
    /// The silence after which Cassandra's model convicts: threshold·ln 10·mean
    /// (docs/references.md §2 [derived]: 8·ln 10 ≈ 18.42 mean intervals at the default threshold).
    /// </summary>
    public static double ExponentialConvictionSilenceMs(double meanMs, double threshold) => threshold * Math.Log(10.0) * meanMs;
}
