namespace GossipSim.Scenarios.Sweeps;

/// <summary>
/// A parsed `sweep:`. Points are the cartesian product of the grid axes (file order, last
/// axis varying fastest) crossed with the zip rows (zip varies fastest of all), so a point's
/// index depends only on the sweep text.
/// </summary>
internal sealed class SweepPlan(IReadOnlyList<SweepAxis> grid, IReadOnlyList<SweepAxis> zip)
{
    public static readonly SweepPlan None = new([], []);

    public const long MaxPoints = 100_000;

    public IReadOnlyList<SweepAxis> Grid { get; } = grid;

    public IReadOnlyList<SweepAxis> Zip { get; } = zip;

    public IEnumerable<SweepAxis> Axes => Grid.Concat(Zip);

    public long Count => Grid.Aggregate(1L, (n, a) => n * a.Values.Count) * (Zip.Count == 0 ? 1 : Zip[0].Values.Count);

    /// <summary>Each point as (axis, value) pairs in parameter order: grid axes, then zip axes.</summary>
    public IEnumerable<IReadOnlyList<(SweepAxis Axis, int ValueIndex)>> Points()
    {
        var zipRows = Zip.Count == 0 ? 1 : Zip[0].Values.Count;
        for (long i = 0; i < Count; i++)
        {
            var point = new List<(SweepAxis, int)>();
            var rest = i / zipRows;
            var gridIndexes = new int[Grid.Count];
            for (var g = Grid.Count - 1; g >= 0; g--)
            {
                gridIndexes[g] = (int)(rest % Grid[g].Values.Count);
                rest /= Grid[g].Values.Count;
            }

            for (var g = 0; g < Grid.Count; g++)
            {
                point.Add((Grid[g], gridIndexes[g]));
            }

            var row = (int)(i % zipRows);
            point.AddRange(Zip.Select(z => (z, row)));
            yield return point;
        }
    }
}
