namespace GossipSim.Simulator.Runs;

/// <summary>
/// YAML <c>workload:</c>: requests at <see cref="RatePerS"/> from <see cref="StartUs"/>, to random
/// up coordinators, keys uniform over the hash space or Zipf(<see cref="ZipfS"/>) over
/// <see cref="KeySpace"/> keys. At most <see cref="EvaluatedPerS"/> requests per second are
/// evaluated (Poisson arrivals at min(rate, that)): outcome rates are estimated from the sample,
/// so a high rate costs no more than the cap.
/// </summary>
public sealed record RequestPlan(double RatePerS, long StartUs, double? ZipfS, int KeySpace, double EvaluatedPerS)
{
    public double SampledPerS => Math.Min(RatePerS, EvaluatedPerS);

    /// <summary>Fraction of requests evaluated.</summary>
    public double SampledFraction => SampledPerS / RatePerS;
}
