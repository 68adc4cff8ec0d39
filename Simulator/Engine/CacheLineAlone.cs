using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// A value with a cache line of padding on each side, so that no other field shares its line. In a
/// split run some fields are written by one thread on every event or call while another thread
/// reads the fields laid out beside them just as often; on a shared line each write would take the
/// line from the reader's core and each read would take it back.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CacheLineAlone<T> where T : unmanaged
{
    private CacheLinePadding _before;
    public T Value;
    private CacheLinePadding _after;
}

/// <summary>One cache line of nothing (<see cref="CacheLineAlone{T}"/>).</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct CacheLinePadding;
