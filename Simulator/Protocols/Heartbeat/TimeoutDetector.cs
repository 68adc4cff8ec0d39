namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// van Renesse, Minsky, Hayden (Middleware 1998; docs/references.md §6): a member is failed when its
/// heartbeat has not increased for T_fail, and its entry is dropped after T_cleanup so that stale
/// gossip cannot bring it back. The simulator adds a suspicion at T_fail / 2 (not in the paper) so
/// that timeout runs report a first-suspicion time comparable with the other detectors.
/// </summary>
public static class TimeoutDetector
{
    public static bool IsSuspect(long silenceUs, long failUs) => silenceUs >= failUs / 2;

    public static bool IsFailed(long silenceUs, long failUs) => silenceUs >= failUs;

    public static bool IsRemovable(long silenceUs, long cleanupUs) => silenceUs >= cleanupUs;

    /// <summary>
    /// Checked once per gossip round, a failure is declared at the first round tick at or after
    /// lastHeard + T_fail: between T_fail and T_fail + interval of silence.
    /// </summary>
    public static (long EarliestUs, long LatestUs) FailureSilenceBounds(long failUs, long intervalUs) => (failUs, failUs + intervalUs);
}
