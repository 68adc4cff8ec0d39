namespace GossipSim.Simulator.Runs;

/// <summary>
/// When application updates are written, and where: at fixed times, or every period from a
/// start; from one node, or (Origin null) from a random up node drawn from the workload stream.
/// </summary>
public sealed record UpdatePlan(IReadOnlyList<long>? AtUs, long EveryUs, long StartUs, int? Origin)
{
    public IEnumerable<long> Times(long durationUs)
    {
        if (AtUs is not null)
        {
            foreach (long t in AtUs) if (t < durationUs) yield return t;
            yield break;
        }
        for (long t = StartUs; t < durationUs; t += EveryUs) yield return t;
    }

    /// <summary>How many periodic updates fall before the end: counted, not listed, since a long run has billions.</summary>
    public long PeriodicCount(long durationUs) => StartUs >= durationUs ? 0 : (durationUs - StartUs + EveryUs - 1) / EveryUs;
}
