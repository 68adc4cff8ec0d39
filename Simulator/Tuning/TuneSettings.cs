namespace GossipSim.Simulator.Tuning;

/// <summary>How a search spends its runs.</summary>
/// <param name="Budget">Most runs (seeds of points) the search may use.</param>
/// <param name="SeedsMin">Seeds a new point starts with (at least 2, so it has an interval).</param>
/// <param name="SeedsMax">Most seeds any point gets; racing stops there.</param>
/// <param name="Seed">Orders the initial design; the runs' own seeds are the scenario's, so points share them.</param>
/// <param name="Exhaustive">Evaluate every lattice point with <paramref name="SeedsMax"/> seeds instead of searching: the reference a search is judged against.</param>
public sealed record TuneSettings(int Budget, int SeedsMin, int SeedsMax, ulong Seed, bool Exhaustive)
{
    /// <summary>New points added per round of refinement.</summary>
    public int PointsPerRound { get; init; } = 4;

    /// <summary>Rounds the recommendation must stay the same, with nothing left to race, before the search stops early.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Points of the initial design for a space of this many dimensions: a few per dimension, and never more than half the budget.</summary>
    public int InitialPoints(TuneSpace space) =>
        (int)Math.Max(1, Math.Min(space.Size, Math.Min(2 * space.Parameters.Count + 4, Budget / 2 / SeedsMin)));
}
