namespace GossipSim.Simulator.Tuning;

/// <summary>
/// The lattice of every combination of the parameters' levels. A point of the space is one
/// level index per parameter; distances are measured with each axis scaled to [0, 1], so a
/// parameter with many levels does not dominate one with few.
/// </summary>
public sealed class TuneSpace
{
    public TuneSpace(IReadOnlyList<TuneParameter> parameters)
    {
        if (parameters.Count == 0) throw new ArgumentException("a search space needs at least one parameter", nameof(parameters));
        Parameters = parameters;
        long size = 1;
        foreach (var p in parameters) size = (long)Math.Min((double)size * p.Levels.Count, long.MaxValue / 2);
        Size = size;
    }

    public IReadOnlyList<TuneParameter> Parameters { get; }

    /// <summary>How many points an exhaustive grid of this space has.</summary>
    public long Size { get; }

    /// <summary>The point at a position of the grid in row-major order (last parameter fastest).</summary>
    public int[] At(long index)
    {
        var levels = new int[Parameters.Count];
        for (int d = Parameters.Count - 1; d >= 0; d--)
        {
            int n = Parameters[d].Levels.Count;
            levels[d] = (int)(index % n);
            index /= n;
        }
        return levels;
    }

    public double[] Normalized(IReadOnlyList<int> levels) =>
        levels.Select((l, d) => Parameters[d].Levels.Count == 1 ? 0.0 : (double)l / (Parameters[d].Levels.Count - 1)).ToArray();

    public double Distance(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var x = Normalized(a);
        var y = Normalized(b);
        return Math.Sqrt(x.Select((v, i) => (v - y[i]) * (v - y[i])).Sum());
    }

    /// <summary>Every point one level away along any set of axes (the cube around it), in a fixed order.</summary>
    public IEnumerable<int[]> Neighbours(IReadOnlyList<int> levels)
    {
        int d = Parameters.Count;
        int combinations = (int)Math.Pow(3, d);
        for (int c = 0; c < combinations; c++)
        {
            var next = new int[d];
            int code = c;
            bool moved = false, inside = true;
            for (int i = 0; i < d; i++)
            {
                int step = code % 3 - 1;
                code /= 3;
                next[i] = levels[i] + step;
                moved |= step != 0;
                inside &= next[i] >= 0 && next[i] < Parameters[i].Levels.Count;
            }
            if (moved && inside) yield return next;
        }
    }

    /// <summary>The overrides that set this point: PATH=VALUE per parameter.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Values(IReadOnlyList<int> levels) =>
        levels.Select((l, d) => new KeyValuePair<string, string>(Parameters[d].Path, Parameters[d].Levels[l])).ToArray();

    public static string Key(IReadOnlyList<int> levels) => string.Join(",", levels);
}
