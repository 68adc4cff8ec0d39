using GossipSim.Simulator.Random;
using MathNet.Numerics.Distributions;

namespace GossipSim.Simulator.Network;

/// <summary>The same delay for every message.</summary>
public sealed class ConstantLatency(long valueUs) : LatencyModel
{
    public override long SampleUs(int from, int to) => valueUs;

    public override long QuantileUs(double u) => valueUs;

    public override long MinUs => Math.Max(0, valueUs);

    public override double MeanUs => valueUs;
}

/// <summary>Uniform integer microseconds in [min, max], as the bw1 baselines draw it.</summary>
public sealed class UniformLatency(Xoshiro256StarStar stream, long minUs, long maxUs) : LatencyModel
{
    public override long SampleUs(int from, int to) => stream.NextInclusive(minUs, maxUs);

    public override long QuantileUs(double u) => Math.Min(maxUs, minUs + (long)(u * (maxUs - minUs + 1)));

    public override long MinUs => Math.Max(0, minUs);

    public override double MeanUs => (minUs + maxUs) / 2.0;
}

/// <summary>Normal(mean, sd) truncated below at a floor: no draw falls below it, and the shape above it is the normal's.</summary>
public sealed class NormalLatency : LatencyModel
{
    private readonly Xoshiro256StarStar _stream;
    private readonly StreamRandomSource _source;
    private readonly double _meanUs, _sdUs, _floorUs;

    public NormalLatency(Xoshiro256StarStar stream, double meanUs, double sdUs, double floorUs)
    {
        _stream = stream;
        _source = new StreamRandomSource(stream);
        (_meanUs, _sdUs, _floorUs) = (meanUs, sdUs, floorUs);
    }

    public override long SampleUs(int from, int to)
    {
        // A floor at or below the mean keeps at least half of the draws, so redrawing the rest
        // costs at most two draws on average (redraw, not clamp: clamping would pile mass on the
        // floor). A floor above the mean keeps ever fewer (one in 3.5 million at 5 sd), so there
        // a message takes the inverse CDF of one uniform instead.
        if (_floorUs > _meanUs) return QuantileUs(_stream.NextDouble());
        while (true)
        {
            double x = Normal.Sample(_source, _meanUs, _sdUs);
            if (x >= _floorUs) return (long)Math.Round(x);
        }
    }

    /// <summary>Draws are redrawn below the floor, and rounding keeps them at or above its rounding.</summary>
    public override long MinUs => Math.Max(0, (long)Math.Round(_floorUs));

    /// <summary>
    /// Inverse CDF of the normal truncated below at the floor, from the upper tail: the delay whose
    /// probability of being exceeded is (1 - u) P(X >= floor). Taken from the tail because a double
    /// near 1 resolves only about 1e-16: Phi(a) + u (1 - Phi(a)) loses the tail's digits for a
    /// floor several sd above the mean, and all of them beyond about 8 sd.
    /// </summary>
    public override long QuantileUs(double u)
    {
        if (_sdUs <= 0) return (long)Math.Round(Math.Max(_meanUs, _floorUs));
        double above = Normal.CDF(0, 1, (_meanUs - _floorUs) / _sdUs);
        double x = _meanUs - _sdUs * Normal.InvCDF(0, 1, Math.Max((1 - u) * above, double.Epsilon));
        return (long)Math.Round(Math.Max(_floorUs, x));
    }

    public override double MeanUs
    {
        get
        {
            if (_sdUs <= 0) return Math.Max(_meanUs, _floorUs);
            double alpha = (_floorUs - _meanUs) / _sdUs;
            double tail = Normal.CDF(0, 1, -alpha);
            return tail <= 0 ? _floorUs : _meanUs + _sdUs * Normal.PDF(0, 1, alpha) / tail;
        }
    }
}

/// <summary>Lognormal given by its median and 99th percentile, the two numbers operators quote.</summary>
public sealed class LognormalLatency : LatencyModel
{
    /// <summary>z such that P(Z &lt;= z) = 0.99 for a standard normal.</summary>
    public const double Z99 = 2.3263478740408408;

    private readonly StreamRandomSource _source;
    private readonly double _mu, _sigma;

    public LognormalLatency(Xoshiro256StarStar stream, double medianUs, double p99Us)
    {
        _source = new StreamRandomSource(stream);
        _mu = Math.Log(medianUs);
        _sigma = (Math.Log(p99Us) - _mu) / Z99;
    }

    public override long SampleUs(int from, int to) => (long)Math.Round(LogNormal.Sample(_source, _mu, _sigma));

    public override long QuantileUs(double u) => (long)Math.Round(Math.Exp(_mu + _sigma * Normal.InvCDF(0, 1, Math.Max(u, 1e-300))));

    public override double MeanUs => Math.Exp(_mu + _sigma * _sigma / 2);
}

/// <summary>A floor plus an exponential tail: min + Exp(mean - min).</summary>
public sealed class ExponentialLatency : LatencyModel
{
    private readonly StreamRandomSource _source;
    private readonly double _minUs, _meanUs;

    public ExponentialLatency(Xoshiro256StarStar stream, double minUs, double meanUs)
    {
        _source = new StreamRandomSource(stream);
        (_minUs, _meanUs) = (minUs, meanUs);
    }

    public override long SampleUs(int from, int to) =>
        (long)Math.Round(_minUs + Exponential.Sample(_source, 1.0 / (_meanUs - _minUs)));

    public override long QuantileUs(double u) => (long)Math.Round(_minUs - (_meanUs - _minUs) * Math.Log(1 - u));

    public override long MinUs => Math.Max(0, (long)Math.Round(_minUs));

    public override double MeanUs => _meanUs;
}
