using System.Runtime.Intrinsics;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The least window sum and the most window count among the members a vector merge took, lane by
/// lane (<see cref="MemberClocks.RecordExponential(int, Vector256{int}, long, double, ref WindowExtremes)"/>).
/// Every such member's mean is at least <see cref="LeastMeanMs"/> (sums are not negative), so the
/// judge wait of that mean bounds all of theirs from below, with one division per merge instead of
/// one per member.
/// </summary>
public struct WindowExtremes
{
    public Vector256<double> LeastSum;
    public Vector256<int> MostCount;

    public static WindowExtremes None => new() { LeastSum = Vector256.Create(double.PositiveInfinity), MostCount = Vector256<int>.Zero };

    /// <summary>Whether any member was taken.</summary>
    public readonly bool Any => MostCount != Vector256<int>.Zero;

    /// <summary>The least sum over the most count: at most the mean of every member taken.</summary>
    public readonly double LeastMeanMs()
    {
        double least = double.PositiveInfinity;
        for (int i = 0; i < Vector256<double>.Count; i++) least = Math.Min(least, LeastSum[i]);
        int most = 0;
        for (int i = 0; i < Vector256<int>.Count; i++) most = Math.Max(most, MostCount[i]);
        return least / most;
    }
}
