using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// The request stream of <see cref="RequestPlan"/>: Poisson arrivals, one pending driver event at a
/// time; each picks a random up coordinator and a key, and hands them to the
/// <see cref="RoutingTracker"/>. Every draw comes from the requests stream, so adding a workload
/// moves no other stream's numbers.
/// </summary>
public sealed class RequestWorkload
{
    private readonly RequestPlan _plan;
    private readonly Xoshiro256StarStar _stream;
    private readonly RoutingTracker _routing;
    /// <summary>Zipf: cumulative probabilities of ranks 1..KeySpace; null for uniform keys.</summary>
    private readonly double[]? _zipfCdf;
    private readonly double _meanGapUs;

    public RequestWorkload(RequestPlan plan, Xoshiro256StarStar stream, RoutingTracker routing)
    {
        _plan = plan;
        _stream = stream;
        _routing = routing;
        _meanGapUs = 1e6 / plan.SampledPerS;
        if (plan.ZipfS is double s) _zipfCdf = ZipfCdf(s, plan.KeySpace);
    }

    public RequestPlan Plan => _plan;

    /// <summary>Time of the first request.</summary>
    public long FirstUs(long nowUs) => Math.Max(nowUs, _plan.StartUs) + NextGapUs();

    /// <summary>Evaluates one request now; returns the time of the next.</summary>
    public long Fire(Simulation simulation)
    {
        int coordinator = UpNodePicker.Pick(simulation, _stream);
        if (coordinator >= 0) _routing.Route(coordinator, NextKey());
        return simulation.NowUs + NextGapUs();
    }

    private long NextGapUs() => 1 + (long)(-Math.Log(1.0 - _stream.NextDouble()) * _meanGapUs);

    /// <summary>A key's ring position: uniform over the 64-bit space, or the hash of a Zipf-ranked key.</summary>
    private ulong NextKey()
    {
        if (_zipfCdf is null) return _stream.NextUInt64();
        double u = _stream.NextDouble();
        int lo = 0, hi = _zipfCdf.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_zipfCdf[mid] < u) lo = mid + 1;
            else hi = mid;
        }
        // Murmur3 stands behind Cassandra's partitioner; any good mix does here: ranks land uniformly on the ring.
        return SplitMix64.Mix((ulong)lo + 0x9E3779B97F4A7C15UL);
    }


    /// <summary>P(rank k) ∝ 1 / k^s, k = 1..keys, as a cumulative table.</summary>
    public static double[] ZipfCdf(double s, int keys)
    {
        var cdf = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++) cdf[k] = sum += Math.Pow(k + 1, -s);
        for (int k = 0; k < keys; k++) cdf[k] /= sum;
        cdf[^1] = 1.0;
        return cdf;
    }
}
