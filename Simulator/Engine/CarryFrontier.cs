namespace GossipSim.Simulator.Engine;

/// <summary>
/// How far the carrying out of a window's calls has come: every handled event before this time
/// has been carried out, and what it made published to the lanes (long.MaxValue once all are). The
/// carrying-out thread writes it while the other lanes' threads read it.
/// </summary>
internal sealed class CarryFrontier
{
    private CacheLineAlone<long> _timeUs;

    public long Read() => Volatile.Read(ref _timeUs.Value);

    public void Publish(long timeUs) => Volatile.Write(ref _timeUs.Value, timeUs);
}
