using MathNet.Numerics.LinearRegression;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// A cheap model of one metric over the space: a least-squares quadratic in the normalized
/// coordinates (linear when there are too few points for the square terms), fitted to the log
/// of the point means when they are all positive (delays and byte rates behave like powers of
/// the settings) and to the means themselves otherwise. It only proposes where to look; every
/// decision is still made on runs.
/// </summary>
public sealed class Surrogate
{
    private readonly double[] _coefficients;
    private readonly bool _quadratic;
    private readonly bool _log;

    private Surrogate(double[] coefficients, bool quadratic, bool log) => (_coefficients, _quadratic, _log) = (coefficients, quadratic, log);

    /// <summary>The fitted model, or null when there are too few points (or they do not pin the model down).</summary>
    public static Surrogate? Fit(IReadOnlyList<double[]> xs, IReadOnlyList<double> ys)
    {
        var rows = xs.Zip(ys).Where(r => double.IsFinite(r.Second)).ToList();
        if (rows.Count == 0) return null;
        int d = rows[0].First.Length;
        bool quadratic = rows.Count >= Features(new double[d], true).Length + 2;
        if (!quadratic && rows.Count < d + 3) return null;
        bool log = rows.All(r => r.Second > 0);
        try
        {
            var coefficients = MultipleRegression.QR(
                rows.Select(r => Features(r.First, quadratic)).ToArray(),
                rows.Select(r => log ? Math.Log(r.Second) : r.Second).ToArray());
            return coefficients.All(double.IsFinite) ? new Surrogate(coefficients, quadratic, log) : null;
        }
        catch (ArgumentException)
        {
            // A design that does not determine the model (points on a line): no proposal this round.
            return null;
        }
    }

    public double Predict(double[] x)
    {
        var f = Features(x, _quadratic);
        double y = 0;
        for (int i = 0; i < f.Length; i++) y += f[i] * _coefficients[i];
        return _log ? Math.Exp(y) : y;
    }

    private static double[] Features(double[] x, bool quadratic)
    {
        var f = new List<double> { 1 };
        f.AddRange(x);
        if (quadratic)
            for (int i = 0; i < x.Length; i++)
                for (int j = i; j < x.Length; j++) f.Add(x[i] * x[j]);
        return [.. f];
    }
}
