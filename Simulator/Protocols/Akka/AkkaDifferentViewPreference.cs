using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// How often Akka's gossip target selector (GossipTargetSelector.localDcGossipTargets) first
/// looks among the members that have not seen the current state. Akka passes
/// reduce-gossip-different-view-probability (400) where the probability belongs, so
/// <see cref="Probability"/> is 400 up to 400 members and falls linearly to 40 at 1,200 and
/// beyond: never below 1, so the preference always holds (a quirk of Akka's, also in Pekko).
/// </summary>
public static class AkkaDifferentViewPreference
{
    /// <summary>reference.conf's reduce-gossip-different-view-probability.</summary>
    public const int ReduceGossipDifferentViewProbability = 400;

    /// <summary>GossipTargetSelector.adjustedGossipDifferentViewProbability for a cluster of this many members.</summary>
    public static double Probability(int clusterSize)
    {
        double low = ReduceGossipDifferentViewProbability, high = low * 3, min = low / 10;
        if (clusterSize <= low) return low;
        if (clusterSize >= high) return min;
        return low + (clusterSize - low) * (min - low) / (high - low);
    }

    /// <summary>preferNodesWithDifferentView: a draw below the probability, drawn only when the probability leaves it open.</summary>
    public static bool Prefer(int clusterSize, Xoshiro256StarStar random)
    {
        double p = Probability(clusterSize);
        return p >= 1 || random.NextDouble() < p;
    }
}
