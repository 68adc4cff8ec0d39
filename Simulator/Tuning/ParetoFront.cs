namespace GossipSim.Simulator.Tuning;

/// <summary>Non-dominated sets of cost vectors (every component: smaller is better).</summary>
public static class ParetoFront
{
    /// <summary>a dominates b: no worse in every component and better in at least one.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        bool better = false;
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] > b[i]) return false;
            better |= a[i] < b[i];
        }
        return better;
    }

    /// <summary>Indices of the vectors no other vector dominates, in input order.</summary>
    public static List<int> Of(IReadOnlyList<IReadOnlyList<double>> costs)
    {
        var front = new List<int>();
        for (int i = 0; i < costs.Count; i++)
        {
            bool dominated = false;
            for (int j = 0; j < costs.Count && !dominated; j++) dominated = j != i && Dominates(costs[j], costs[i]);
            if (!dominated) front.Add(i);
        }
        return front;
    }
}
