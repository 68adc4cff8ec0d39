using GossipSim.Simulator.Random;
using GossipSim.Simulator.Tuning;

namespace GossipSim.Tests.Tuning;

/// <summary>
/// A stand-in for the simulator with known answers: each metric is a function of the levels
/// plus Gaussian noise of a fixed standard deviation, drawn from a hash of the point and the
/// seed index, so a point's seeds differ but the same job always gives the same value.
/// </summary>
public sealed class SyntheticEvaluator(IReadOnlyDictionary<string, Func<IReadOnlyList<int>, double>> metrics, double noise) : ITuneEvaluator
{
    public int Runs { get; private set; }

    public List<string> Log { get; } = [];

    public IReadOnlyList<IReadOnlyDictionary<string, double>?> Run(IReadOnlyList<TuneJob> jobs)
    {
        Runs += jobs.Count;
        return jobs.Select(job =>
        {
            Log.Add($"{TuneSpace.Key(job.Point.Levels)}#{job.SeedIndex}");
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            int m = 0;
            foreach (var (name, f) in metrics)
                values[name] = f(job.Point.Levels) + noise * Normal(TuneSpace.Key(job.Point.Levels), job.SeedIndex, m++);
            return (IReadOnlyDictionary<string, double>?)values;
        }).ToList();
    }

    private static double Normal(string key, int seed, int metric)
    {
        // Hash the key's characters (string.GetHashCode differs between processes) so runs repeat.
        ulong h = key.Aggregate((ulong)(seed * 7919 + metric), (acc, c) => SplitMix64.Mix(acc ^ c));
        double u1 = ((h >> 11) + 1.0) / (1UL << 53);
        double u2 = ((SplitMix64.Mix(h) >> 11) + 0.5) / (1UL << 53);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
