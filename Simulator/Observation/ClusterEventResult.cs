namespace GossipSim.Simulator.Observation;

/// <summary>
/// How one cluster event (an update, a crash, a join...) spread: delays until the 50/90/99/100%
/// of observers knew it. A quantile the run never reached is null; the event still counts, with
/// its known fraction.
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
    public double KnownFraction => Observers == 0 ? 1.0 : (double)Knowers / Observers;

    public bool Converged => Knowers == Observers;

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
        long? At(double q)
        {
            if (observers == 0) return 0;
            int rank = (int)Math.Ceiling(q * observers) - 1;
            return rank < delaysUs.Count ? delaysUs[Math.Max(0, rank)] : null;
        }
        return new ClusterEventResult(kind, subject, t0Us, observers, delaysUs.Count, At(0.50), At(0.90), At(0.99), At(1.0));
    }
}
