namespace GossipSim.Analysis;

/// <summary>
/// Sample quantiles by linear interpolation between order statistics (Hyndman and Fan type 7,
/// the default of R and NumPy): for sorted x[0..m-1] and q in [0, 1], h = (m - 1) q and the
/// quantile is x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). Chosen because it is
/// continuous in q and what a reader checking a number in R or NumPy will get. The simulator's
/// per-event t50..t100 use nearest rank instead (see ARCHITECTURE.md); this is for summaries.
/// </summary>
public static class Quantiles
{
    /// <summary>Type 7 quantile of values already sorted ascending; NaN for no values.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        if (sorted.Count == 0) return double.NaN;
        double h = (sorted.Count - 1) * q;
        int below = (int)Math.Floor(h);
        if (below >= sorted.Count - 1) return sorted[^1];
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }

    /// <summary>Type 7 quantile of unsorted values.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, q);
    }
}
