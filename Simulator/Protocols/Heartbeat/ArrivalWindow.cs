using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The inter-arrival history of one observed member, as running sums (milliseconds). Exact while
/// it holds fewer than <c>window</c> samples. Once full, the oldest sample is taken to equal the
/// window's current mean (and mean square) instead of being stored: keeping 1,000 samples for each
/// of n² (observer, member) pairs would need 1.4 G samples at 1,200 nodes. The window then behaves
/// as an exponential average with weight 1/window, whose mean and spread match the exact window's
/// in steady state. Runs shorter than window × interval (16 min at Cassandra's defaults) are exact.
/// The sum of squares is the caller's to keep: only Akka's normal model reads the spread, and every
/// arrival of every (observer, member) pair writes this record, so it is kept to 12 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct ArrivalWindow
{
    private double _sum;
    private int _count;

    public readonly int Count => _count;

    public readonly double MeanMs => _count == 0 ? 0 : _sum / _count;

    /// <summary>Population standard deviation, as Akka's HeartbeatHistory computes it, from the sum of squares kept beside this window.</summary>
    public readonly double StdDevMs(double sumSquares)
    {
        if (_count == 0) return 0;
        double mean = _sum / _count;
        return Math.Sqrt(Math.Max(0, sumSquares / _count - mean * mean));
    }

    public void Clear() => this = default;

    /// <summary>Adds a sample to a window whose spread nobody reads (Cassandra's model).</summary>
    public void Add(double intervalMs, int window)
    {
        double squares = 0;
        Add(intervalMs, window, ref squares);
    }

    /// <param name="sumSquares">The sum of squares kept beside this window, updated alike.</param>
    public void Add(double intervalMs, int window, ref double sumSquares)
    {
        if (_count >= window)
        {
            _sum -= _sum / _count;
            sumSquares -= sumSquares / _count;
            _count--;
        }
        _sum += intervalMs;
        sumSquares += intervalMs * intervalMs;
        _count++;
    }
}
