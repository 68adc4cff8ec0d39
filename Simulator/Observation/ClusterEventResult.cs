namespace GossipSim.Simulator.Observation;

/// <summary>
/// How one cluster event (an update, a crash, a join...) spread: delays until the 50/90/99/100%
/// of observers knew it, and the whole curve: <see cref="CurveUs"/>[k - 1] is the delay until
/// k% of the observers knew it. A quantile the run never reached is null (-1 in the curve); the
/// event still counts, with its known fraction.
/// </summary>
public sealed record ClusterEventResult(
    string Kind,
    int Subject,
    long T0Us,
    int Observers,
    int Knowers,
    long? T50Us,
    long? T90Us,
    long? T99Us,
    long? T100Us)
{
    /// <summary>Levels of the curve: 1%, 2%, ..., 100% of the observers.</summary>
    public const int CurveLevels = 100;

    /// <summary>Delay until k% of the observers knew the event at index k - 1 (nearest rank, as the quantiles); -1 where never.</summary>
    public long[] CurveUs { get; init; } = [];

    public double KnownFraction => Observers == 0 ? 1.0 : (double)Knowers / Observers;

    public bool Converged => Knowers == Observers;

    /// <summary>
    /// Whether the run ended too soon after the event to say that it failed to reach every
    /// observer (right-censored): see <see cref="MarkCensored"/>. A censored event counts
    /// neither as reaching everyone nor as failing to.
    /// </summary>
    public bool Censored { get; init; }

    /// <summary>
    /// The results of one run with the events that are right-censored marked. An event that has
    /// not reached every observer when the run ends counts as failed only if the run went on after
    /// it for at least as long as the slowest event of its kind that did reach everyone in the
    /// same run took: any event given that long is one that the run shows could have finished.
    /// An event with less time left is censored. Without a finished event of its kind in the
    /// run there is no such time, so every unfinished event of that kind counts as failed: a
    /// rumor that died out everywhere is a failure, not a lack of time. The rule judges by the
    /// slowest finish seen, so an event that would have finished a little later than that, with
    /// just that much time, still counts as failed.
    /// </summary>
    public static List<ClusterEventResult> MarkCensored(List<ClusterEventResult> results, long endUs)
    {
        var slowestUs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in results)
            if (e.T100Us is long t100) slowestUs[e.Kind] = Math.Max(t100, slowestUs.GetValueOrDefault(e.Kind));
        for (int i = 0; i < results.Count; i++)
        {
            var e = results[i];
            if (!e.Converged && slowestUs.TryGetValue(e.Kind, out long slowest) && endUs - e.T0Us < slowest) results[i] = e with { Censored = true };
        }
        return results;
    }

    /// <summary>
    /// Builds the result from each node's first-know time (-1 = never). Observers are the nodes
    /// up at t0 that stay up until they learn the event (or until the run ends); the subject
    /// itself is left out when <paramref name="excludeSubject"/> (a node does not observe its
    /// own crash or join).
    /// </summary>
    public static ClusterEventResult FromKnowTimes(string kind, int subject, long t0Us, long[] knownAtUs,
        bool excludeSubject, LivenessHistory liveness, long endUs)
    {
        var delays = new List<long>();
        int observers = 0;
        for (int node = 0; node < knownAtUs.Length; node++)
        {
            if (excludeSubject && node == subject) continue;
            long known = knownAtUs[node];
            long until = known >= 0 ? known : endUs;
            if (!liveness.UpThroughout(node, t0Us, until)) continue;
            observers++;
            if (known >= 0) delays.Add(known - t0Us);
        }
        return FromDelays(kind, subject, t0Us, observers, delays);
    }

    /// <summary>
    /// Builds the result from the delays of the observers that learned the event. The quantile
    /// is nearest rank over all observers, those that never learned counting as infinite.
    /// </summary>
    public static ClusterEventResult FromDelays(string kind, int subject, long t0Us, int observers, List<long> delaysUs)
    {
        delaysUs.Sort();
        // The rank of level k% is ceil(k observers / 100) - 1, in integers so that no level is
        // off by one from rounding (0.99 is not exact in binary).
        var curve = new long[CurveLevels];
        for (int k = 1; k <= CurveLevels; k++)
        {
            int rank = (int)(((long)k * observers + CurveLevels - 1) / CurveLevels) - 1;
            curve[k - 1] = observers == 0 ? 0 : rank < delaysUs.Count ? delaysUs[Math.Max(0, rank)] : -1;
        }
        long? At(int percent) => curve[percent - 1] < 0 ? null : curve[percent - 1];
        return new ClusterEventResult(kind, subject, t0Us, observers, delaysUs.Count, At(50), At(90), At(99), At(100)) { CurveUs = curve };
    }
}
