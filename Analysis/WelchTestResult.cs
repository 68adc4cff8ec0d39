using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// Welch's unequal-variance t test of mean(B) - mean(A): t = d / se with se² = sA²/nA + sB²/nB,
/// Welch-Satterthwaite degrees of freedom, two-sided p, and the 95% CI of the difference
/// d ± t(0.975, df)·se. Needs two values per side; with no spread on either side the
/// difference is exact (p = 1 when equal, 0 when not).
/// </summary>
public sealed record WelchTestResult(double Difference, double Ci95Low, double Ci95High, double T, double DegreesOfFreedom, double P)
{
    public static WelchTestResult Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var sa = SampleStatistics.Of(a);
        var sb = SampleStatistics.Of(b);
        double difference = sb.Mean - sa.Mean;
        if (sa.N < 2 || sb.N < 2) return new(difference, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double va = sa.StandardDeviation * sa.StandardDeviation / sa.N;
        double vb = sb.StandardDeviation * sb.StandardDeviation / sb.N;
        double se = Math.Sqrt(va + vb);
        if (se == 0)
            return difference == 0
                ? new(0, 0, 0, 0, double.NaN, 1)
                : new(difference, difference, difference, Math.Sign(difference) * double.PositiveInfinity, double.NaN, 0);
        double df = (va + vb) * (va + vb) / (va * va / (sa.N - 1) + vb * vb / (sb.N - 1));
        double t = difference / se;
        double p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        double half = StudentT.InvCDF(0, 1, df, 0.975) * se;
        return new(difference, difference - half, difference + half, t, df, Math.Min(1, p));
    }
}
