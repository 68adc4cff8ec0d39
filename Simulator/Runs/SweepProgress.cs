namespace GossipSim.Simulator.Runs;

/// <summary>A snapshot of a sweep under way, for the progress line; <paramref name="Events"/> the events its runs have handled so far.</summary>
public readonly record struct SweepProgress(int Total, int Done, int Failed, int Skipped, TimeSpan Elapsed, long Events = 0)
{
    /// <summary>Time left, extrapolated from the runs finished in this invocation.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            int finishedHere = Done + Failed;
            int left = Total - finishedHere - Skipped;
            if (finishedHere == 0) return null;
            return TimeSpan.FromSeconds(Elapsed.TotalSeconds / finishedHere * left);
        }
    }
}
