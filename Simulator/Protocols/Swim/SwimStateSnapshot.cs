namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// A push-pull payload: the sender's whole view at sending time, as its row of the shared table
/// (the cells where it differs, ascending, and whether the rest is the baseline), plus with a
/// ring its members' token-set ids. <see cref="FoldCount"/> lets the receiver read the baseline as
/// it was when the snapshot was taken, even if some of it folded while the message was in flight.
/// </summary>
internal sealed class SwimStateSnapshot(bool followsBaseline, int foldCount, (int Column, SwimMemberView Value)[] differences, int[]? tokens)
{
    public bool FollowsBaseline { get; } = followsBaseline;

    public int FoldCount { get; } = foldCount;

    public (int Column, SwimMemberView Value)[] Differences { get; } = differences;

    public int[]? Tokens { get; } = tokens;

    /// <summary>The sender's record of <paramref name="node"/> when it sent this.</summary>
    public SwimMemberView ViewOf(int node, SharedViewTable<SwimMemberView> table)
    {
        int lo = 0, hi = Differences.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int column = Differences[mid].Column;
            if (column == node) return Differences[mid].Value;
            if (column < node) lo = mid + 1;
            else hi = mid - 1;
        }
        return FollowsBaseline ? table.BaselineSince(node, FoldCount) : default;
    }
}
