using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// Mann-Whitney U test (Wilcoxon rank-sum) of A against B, two-sided, by the normal
/// approximation with tie correction and continuity correction:
/// U = (rank sum of A) - nA(nA+1)/2, mean nA·nB/2,
/// variance nA·nB/12 · ((N+1) - Σ(t³-t)/(N(N-1))) over tie groups of size t,
/// z = (|U - mean| - 0.5) / sd, p = 2(1 - Φ(z)). The approximation is rough below about 8
/// values per side (it cannot reach the exact test's smallest p-values there); it is the
/// check that does not assume normal data beside Welch's test.
/// </summary>
public sealed record MannWhitneyResult(double U, double Z, double P)
{
    public static MannWhitneyResult Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int na = a.Count, nb = b.Count, n = na + nb;
        if (na == 0 || nb == 0) return new(double.NaN, double.NaN, double.NaN);
        var pooled = a.Select(v => (Value: v, FromA: true)).Concat(b.Select(v => (Value: v, FromA: false))).OrderBy(x => x.Value).ToArray();
        double rankSumA = 0, tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && pooled[j + 1].Value == pooled[i].Value) j++;
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (pooled[k].FromA) rankSumA += midRank;
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double u = rankSumA - na * (na + 1) / 2.0;
        double mean = na * (double)nb / 2;
        double variance = na * (double)nb / 12 * (n + 1 - tieTerm / (n * (n - 1.0)));
        if (variance <= 0) return new(u, 0, 1);
        double z = Math.Max(0, Math.Abs(u - mean) - 0.5) / Math.Sqrt(variance);
        return new(u, z, Math.Min(1, 2 * Normal.CDF(0, 1, -z)));
    }
}
