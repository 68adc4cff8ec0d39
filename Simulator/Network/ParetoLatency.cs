using GossipSim.Simulator.Random;
using MathNet.Numerics.Distributions;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Pareto (type I) with scale x_m (the smallest delay) and shape alpha: P(X > x) = (x_m / x)^alpha
/// for x >= x_m, mean alpha x_m / (alpha - 1) (alpha > 1, enforced by the schema). A heavy tail:
/// the few very slow messages that tail-latency studies of data-centre networks report.
/// </summary>
public sealed class ParetoLatency : LatencyModel
{
    private readonly StreamRandomSource _source;
    private readonly double _scaleUs, _shape;

    public ParetoLatency(Xoshiro256StarStar stream, double scaleUs, double shape)
    {
        _source = new StreamRandomSource(stream);
        (_scaleUs, _shape) = (scaleUs, shape);
    }

    public override long SampleUs(int from, int to) => (long)Math.Round(Pareto.Sample(_source, _scaleUs, _shape));

    /// <summary>Inverse CDF: x_m (1 - u)^(-1/alpha).</summary>
    public override long QuantileUs(double u) => (long)Math.Round(_scaleUs * Math.Pow(1 - u, -1 / _shape));

    /// <summary>No draw is below the scale x_m, and rounding keeps them at or above its rounding.</summary>
    public override long MinUs => Math.Max(0, (long)Math.Round(_scaleUs));

    public override double MeanUs => _shape * _scaleUs / (_shape - 1);
}
