using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// Tests of runs paired by seed (the same seeds on both sides, so each pair shares its random
/// draws up to the change): the paired t test of the differences d = B - A (t = mean d / (sd d
/// / √n), n - 1 degrees of freedom, 95% CI mean d ± t(0.975, n-1) sd d / √n; with no spread the
/// difference is exact: p = 1 when it is 0, else 0), and the Wilcoxon signed-rank test of the
/// same differences, two-sided, exact from the distribution of the signed rank sum (zeros
/// dropped, ties given their mean rank) up to 30 pairs and by the normal approximation above.
/// </summary>
public sealed record PairedTestResult(int Pairs, double Difference, double Ci95Low, double Ci95High, double T, double P, double SignedRankW, double SignedRankP)
{
    private const int ExactUpTo = 30;

    public static PairedTestResult Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = a.Zip(b, (x, y) => y - x).ToArray();
        int n = d.Length;
        var (w, rankP) = SignedRank(d);
        if (n < 2) return new(n, n == 0 ? double.NaN : d[0], double.NaN, double.NaN, double.NaN, double.NaN, w, rankP);
        var s = SampleStatistics.Of(d);
        if (s.StandardDeviation == 0)
            return s.Mean == 0
                ? new(n, 0, 0, 0, 0, 1, w, rankP)
                : new(n, s.Mean, s.Mean, s.Mean, Math.Sign(s.Mean) * double.PositiveInfinity, 0, w, rankP);
        double se = s.StandardDeviation / Math.Sqrt(n);
        double t = s.Mean / se;
        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * se;
        return new(n, s.Mean, s.Mean - half, s.Mean + half, t, Math.Min(1, 2 * StudentT.CDF(0, 1, n - 1, -Math.Abs(t))), w, rankP);
    }

    /// <summary>W+ (the rank sum of the positive differences) and its two-sided p.</summary>
    public static (double W, double P) SignedRank(IReadOnlyList<double> differences)
    {
        var nonZero = differences.Where(x => x != 0 && !double.IsNaN(x)).OrderBy(Math.Abs).ToArray();
        int n = nonZero.Length;
        if (n == 0) return (0, 1);
        // Mean ranks of ties, doubled so they stay integers.
        var doubledRanks = new int[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && Math.Abs(nonZero[j + 1]) == Math.Abs(nonZero[i])) j++;
            for (int k = i; k <= j; k++) doubledRanks[k] = i + j + 2;
            i = j + 1;
        }
        int doubledW = 0;
        for (int i = 0; i < n; i++) if (nonZero[i] > 0) doubledW += doubledRanks[i];
        double w = doubledW / 2.0;
        int total = doubledRanks.Sum();
        if (n <= ExactUpTo)
        {
            // Counts of sign patterns by doubled W+, each of the 2^n equally likely under no change.
            var counts = new double[total + 1];
            counts[0] = 1;
            foreach (int r in doubledRanks)
                for (int v = total; v >= r; v--) counts[v] += counts[v - r];
            double all = Math.Pow(2, n);
            int mirrored = total - doubledW;
            int low = Math.Min(doubledW, mirrored);
            double tail = 0;
            for (int v = 0; v <= low; v++) tail += counts[v];
            return (w, Math.Min(1, 2 * tail / all));
        }
        double mean = total / 4.0;
        double variance = doubledRanks.Sum(r => r / 2.0 * (r / 2.0)) / 4.0;
        double z = (Math.Abs(w - mean) - 0.5) / Math.Sqrt(variance);
        return (w, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Max(0, z))));
    }
}
