using MathNet.Numerics.Distributions;

namespace GossipSim.Analysis;

/// <summary>
/// How convergence grows with cluster size: for a scenario whose points sweep the node count,
/// fits t100 (per run: its t100_s_mean, divided by the gossip interval when known) against
/// ln n. Epidemic theory says rounds-to-all is linear in ln n with a known slope, so the
/// fitted slope and its CI test the simulator against the theorem across sizes, not at one n.
/// </summary>
public static class ScalingFit
{
    public const string Metric = "t100_s_mean";

    /// <summary>Null unless the points span at least two node counts and three runs with a t100.</summary>
    public static ScalingFitResult? Fit(string scenario, IReadOnlyList<RunPoint> points, ScenarioSettings settings)
    {
        var samples = new List<(double LnNodes, double T100S, double? IntervalS)>();
        foreach (var point in points)
        {
            double n = AnalyticBaselines.Nodes(point);
            double? interval = settings.At(point).IntervalS;
            foreach (var run in point.Runs)
            {
                double t100 = ResultColumns.Number(run, Metric);
                if (!double.IsNaN(n) && !double.IsNaN(t100)) samples.Add((Math.Log(n), t100, interval));
            }
        }
        // Rounds only when every run's interval is known; a mix would put two units on one axis.
        bool inRounds = samples.Count > 0 && samples.All(s => s.IntervalS is not null);
        var xs = samples.Select(s => s.LnNodes).ToList();
        var ys = samples.Select(s => inRounds ? s.T100S / s.IntervalS!.Value : s.T100S).ToList();
        if (xs.Count < 3 || xs.Distinct().Count() < 2) return null;

        var (intercept, slope) = MathNet.Numerics.Fit.Line(xs.ToArray(), ys.ToArray());
        double meanX = xs.Average(), meanY = ys.Average();
        double sxx = xs.Sum(x => (x - meanX) * (x - meanX));
        double sse = xs.Zip(ys, (x, y) => Math.Pow(y - (intercept + slope * x), 2)).Sum();
        double sst = ys.Sum(y => (y - meanY) * (y - meanY));
        int m = xs.Count;
        double half = StudentT.InvCDF(0, 1, m - 2, 0.975) * Math.Sqrt(sse / (m - 2) / sxx);
        double? theory = inRounds && settings.IsAntiEntropy ? AnalyticBaselines.RoundsPerLnN(settings.Kind) : null;
        return new ScalingFitResult(scenario, inRounds ? "rounds" : "s", xs.ToArray(), ys.ToArray(), intercept, slope,
            slope - half, slope + half, sst == 0 ? double.NaN : 1 - sse / sst,
            theory, theory is null ? null : $"{settings.Kind}: epidemic theory (docs/references.md section 6)");
    }

    /// <summary>Whether a scenario's points sweep the node count.</summary>
    public static bool SweepsNodes(IReadOnlyList<RunPoint> points) =>
        points.Select(AnalyticBaselines.Nodes).Where(n => !double.IsNaN(n)).Distinct().Count() >= 2;
}
