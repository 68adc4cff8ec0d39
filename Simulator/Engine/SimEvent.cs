using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// One scheduled event: 24 bytes, no references, so the queue is a flat array the GC never scans
/// and four heap siblings share a cache line and a half. Ordered by (Time, Sequence): ties run in
/// the order they were scheduled (FIFO), which keeps runs deterministic. Kind says what Node and
/// Arg mean (see <see cref="EventKind"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct SimEvent : IComparable<SimEvent>
{
    public long TimeUs;
    /// <summary>Scheduling order in the high 56 bits, <see cref="EventKind"/> in the low 8.</summary>
    public long SequenceAndKind;
    public int Node;
    public int Arg;

    public readonly EventKind Kind => (EventKind)(byte)SequenceAndKind;

    public readonly long Sequence => SequenceAndKind >>> 8;

    /// <summary>
    /// (Time, Sequence) order. Implemented on the struct itself so that the library's sort of a
    /// span of events compares through a direct, inlined call; a comparer object is called through
    /// a delegate on every comparison.
    /// </summary>
    public readonly int CompareTo(SimEvent other) =>
        TimeUs != other.TimeUs ? TimeUs.CompareTo(other.TimeUs) : SequenceAndKind.CompareTo(other.SequenceAndKind);
}
