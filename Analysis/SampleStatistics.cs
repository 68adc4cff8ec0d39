using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// What summary.csv says about one metric over a set of runs (or events): count, mean,
/// sample standard deviation (n - 1), the 95% confidence interval of the mean from Student's t
/// with n - 1 degrees of freedom (mean ± t(0.975, n-1) sd / sqrt n), and type 7 quantiles
/// (<see cref="Quantiles"/>). Fields that need more values than there are are NaN: sd and the
/// CI need two, everything else one. For a rate of rare events (<see cref="PoissonRate"/>) the
/// mean is the pooled rate and the CI the exact Poisson interval (<see cref="WithPooledRate"/>).
/// </summary>
public sealed record SampleStatistics(int N, double Mean, double StandardDeviation,
    double Ci95Low, double Ci95High, double Median, double P5, double P95)
{
    public static SampleStatistics Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        if (n == 0) return new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = sorted.Average();
        double sd = double.NaN, low = double.NaN, high = double.NaN;
        if (n >= 2)
        {
            sd = Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            double half = StudentT.InvCDF(0.0, 1.0, n - 1, 0.975) * sd / Math.Sqrt(n);
            low = mean - half;
            high = mean + half;
        }
        return new(n, mean, sd, low, high,
            Quantiles.OfSorted(sorted, 0.5), Quantiles.OfSorted(sorted, 0.05), Quantiles.OfSorted(sorted, 0.95));
    }

    /// <summary>Which interval: "t" (Student t over the runs' values), "poisson" (exact, over pooled counts and exposure) or "quasi-poisson" (the runs' counts spread more than independent events can, <see cref="PoissonRate.Overdispersed"/>).</summary>
    public string Interval { get; init; } = "t";

    /// <summary>These statistics with the mean and CI of the pooled rate: per-run sd and quantiles stay as they were.</summary>
    public SampleStatistics WithPooledRate(PoissonRate rate) =>
        this with { Mean = rate.Rate, Ci95Low = rate.Low, Ci95High = rate.High, Interval = rate.Overdispersed ? "quasi-poisson" : "poisson" };

    /// <summary>Whether x lies inside the 95% CI; false when there is no CI.</summary>
    public bool CiContains(double x) => !double.IsNaN(Ci95Low) && x >= Ci95Low && x <= Ci95High;
}
