namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// memberlist's timeout and limit formulas (docs/references.md §1 "Formulas"), as pure functions of
/// their inputs, in microseconds. n is the number of members the node knows, itself included.
/// </summary>
public static class SwimMath
{
    /// <summary>
    /// Suspicion Min = SuspicionMult·max(1, log10 n)·ProbeInterval (util.go suspicionTimeout; base 10
    /// although its comment says log(N+1)). The scale is truncated to thousandths as memberlist does.
    /// </summary>
    public static long SuspicionMinUs(int suspicionMult, int n, long probeIntervalUs)
    {
        double nodeScale = Math.Max(1.0, Math.Log10(Math.Max(1.0, n)));
        return suspicionMult * (long)(nodeScale * 1000) * probeIntervalUs / 1000;
    }

    /// <summary>Suspicion Max = SuspicionMaxTimeoutMult·Min.</summary>
    public static long SuspicionMaxUs(int suspicionMaxTimeoutMult, long minUs) => suspicionMaxTimeoutMult * minUs;

    /// <summary>
    /// Confirmations expected before the timer reaches Min: K = SuspicionMult − 2, or 0 when the
    /// cluster cannot supply them (n − 2 &lt; K: self and the suspect do not confirm) (state.go suspectNode).
    /// </summary>
    public static int ExpectedConfirmations(int suspicionMult, int n)
    {
        int k = suspicionMult - 2;
        return n - 2 < k ? 0 : k;
    }

    /// <summary>
    /// Lifeguard's suspicion timeout measured from the start of the suspicion, after
    /// <paramref name="confirmations"/> distinct confirmers (suspicion.go remainingSuspicionTime):
    /// max(Min, Max − (Max−Min)·ln(c+1)/ln(K+1)), floored to whole milliseconds; Min when K &lt; 1.
    /// </summary>
    public static long SuspicionTimeoutUs(int confirmations, int k, long minUs, long maxUs)
    {
        if (k < 1) return minUs;
        double fraction = Math.Log(confirmations + 1.0) / Math.Log(k + 1.0);
        double rawUs = maxUs - fraction * (maxUs - minUs);
        long timeoutUs = (long)Math.Floor(rawUs / 1000.0) * 1000;
        return Math.Max(minUs, timeoutUs);
    }

    /// <summary>How many times each broadcast is sent: RetransmitMult·ceil(log10(n+1)) (util.go retransmitLimit).</summary>
    public static int RetransmitLimit(int retransmitMult, int n) => retransmitMult * (int)Math.Ceiling(Math.Log10(n + 1.0));

    /// <summary>
    /// Push-pull period: the interval itself up to 32 members, then ×(ceil(log2 n − log2 32) + 1)
    /// (util.go pushPullScale): 33–64 → 2×, 1000 → 6×.
    /// </summary>
    public static long PushPullPeriodUs(long intervalUs, int n)
    {
        const int threshold = 32;
        if (n <= threshold) return intervalUs;
        double multiplier = Math.Ceiling(Math.Log2(n) - Math.Log2(threshold)) + 1.0;
        return (long)multiplier * intervalUs;
    }

    /// <summary>Lifeguard local health: a timeout stretched by (score+1) (awareness.go ScaleTimeout).</summary>
    public static long ScaleByAwarenessUs(long timeoutUs, int score) => timeoutUs * (score + 1);

    /// <summary>The awareness score after a delta, clamped to [0, awarenessMax − 1] (awareness.go ApplyDelta).</summary>
    public static int ApplyAwarenessDelta(int score, int delta, int awarenessMax) => Math.Clamp(score + delta, 0, awarenessMax - 1);

    /// <summary>
    /// Awareness delta of a probe that got no ack by its deadline (state.go probeNode): one per
    /// expected nack that did not come, or +1 when no relay was asked (nothing to compare with).
    /// </summary>
    public static int FailedProbeAwarenessDelta(int expectedNacks, int nacksReceived) =>
        expectedNacks > 0 ? Math.Max(0, expectedNacks - nacksReceived) : 1;
}
