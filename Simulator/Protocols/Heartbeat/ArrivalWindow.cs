namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The inter-arrival history of one observed member, as running sums (milliseconds). Exact while
/// it holds fewer than <c>window</c> samples. Once full, the oldest sample is taken to equal the
/// window's current mean (and mean square) instead of being stored: keeping 1,000 samples for each
/// of n² (observer, member) pairs would need 1.4 G samples at 1,200 nodes. The window then behaves
/// as an exponential average with weight 1/window, whose mean and spread match the exact window's
/// in steady state. Runs shorter than window × interval (16 min at Cassandra's defaults) are exact.
/// </summary>
public struct ArrivalWindow
{
    private double _sum;
    private double _sumSquares;
    private int _count;

    public readonly int Count => _count;

    public readonly double MeanMs => _count == 0 ? 0 : _sum / _count;

    /// <summary>Population standard deviation, as Akka's HeartbeatHistory computes it.</summary>
    public readonly double StdDevMs
    {
        get
        {
            if (_count == 0) return 0;
            double mean = _sum / _count;
            return Math.Sqrt(Math.Max(0, _sumSquares / _count - mean * mean));
        }
    }

    public void Clear() => this = default;

    public void Add(double intervalMs, int window)
    {
        if (_count >= window)
        {
            _sum -= _sum / _count;
            _sumSquares -= _sumSquares / _count;
            _count--;
        }
        _sum += intervalMs;
        _sumSquares += intervalMs * intervalMs;
        _count++;
    }
}
