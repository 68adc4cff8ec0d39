using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Delays from a measured distribution (a CSV read by the scenario library's LatencyTable): with samples, each message takes
/// one of them uniformly at random (a bootstrap); with CDF points, the inverse of the piecewise-linear
/// CDF through them (an atom at the first latency when its F is above 0). One uniform draw per message.
/// </summary>
public sealed class EmpiricalLatency : LatencyModel
{
    private readonly Xoshiro256StarStar _stream;
    private readonly double[] _valuesUs;
    private readonly double[]? _cdf;

    /// <param name="valuesUs">Samples in ascending order, or the latencies of the CDF points.</param>
    /// <param name="cdf">F at each latency (nondecreasing, last 1); null for samples.</param>
    /// <param name="stream">The network stream the draws come from.</param>
    public EmpiricalLatency(Xoshiro256StarStar stream, double[] valuesUs, double[]? cdf)
    {
        _stream = stream;
        _valuesUs = valuesUs;
        _cdf = cdf;
    }

    public override long SampleUs(int from, int to) => QuantileUs(_stream.NextDouble());

    public override long QuantileUs(double u)
    {
        if (_cdf is null) return (long)Math.Round(_valuesUs[Math.Min(_valuesUs.Length - 1, (int)(u * _valuesUs.Length))]);
        // First point with F >= u, by binary search; interpolate from the point before it.
        int lo = 0, hi = _cdf.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_cdf[mid] >= u) hi = mid;
            else lo = mid + 1;
        }
        if (lo == 0 || _cdf[lo] <= _cdf[lo - 1]) return (long)Math.Round(_valuesUs[lo]);
        double t = (u - _cdf[lo - 1]) / (_cdf[lo] - _cdf[lo - 1]);
        return (long)Math.Round(_valuesUs[lo - 1] + t * (_valuesUs[lo] - _valuesUs[lo - 1]));
    }

    /// <summary>The smallest sample, or the first CDF point: the quantile at 0.</summary>
    public override long MinUs => Math.Max(0, QuantileUs(0));

    public override double MeanUs
    {
        get
        {
            if (_cdf is null) return _valuesUs.Average();
            double mean = _valuesUs[0] * _cdf[0];
            for (int i = 1; i < _cdf.Length; i++) mean += (_cdf[i] - _cdf[i - 1]) * (_valuesUs[i] + _valuesUs[i - 1]) / 2;
            return mean;
        }
    }
}
