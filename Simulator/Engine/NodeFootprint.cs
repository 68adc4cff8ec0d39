namespace GossipSim.Simulator.Engine;

/// <summary>
/// How many bytes a node's state spans from its host on, measured as what its first start
/// allocated: the host, its random stream, the protocol node and the objects the node's
/// constructor allocates, which the allocator lays out one after another. The engine prefetches
/// that many cache lines of a coming event's node. The smallest start seen counts, because the
/// run's first node also allocates what the runtime sets up lazily.
/// </summary>
internal sealed class NodeFootprint
{
    private const int LineBytes = 64;

    /// <summary>
    /// At most this many lines a node: a larger node's further state is read by few events, and
    /// the hints for the next event compete with this one's loads for the core's line-fill buffers
    /// (a SWIM node ran slower with 12 lines than with 8).
    /// </summary>
    public const int MaxLines = 8;

    private long _smallestBytes = long.MaxValue;

    /// <summary>Records one first start's allocation; returns the lines to prefetch.</summary>
    public int Record(long allocatedBytes)
    {
        _smallestBytes = Math.Min(_smallestBytes, allocatedBytes);
        return Lines;
    }

    /// <summary>The lines the smallest start covered, from 1 to <see cref="MaxLines"/>.</summary>
    public int Lines => _smallestBytes == long.MaxValue ? MaxLines : (int)Math.Clamp((_smallestBytes + LineBytes - 1) / LineBytes, 1, MaxLines);
}
