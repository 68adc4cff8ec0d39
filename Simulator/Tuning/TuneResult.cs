namespace GossipSim.Simulator.Tuning;

/// <summary>What a search found: every evaluated point (in evaluation order), the recommended one (null when none is feasible), and why it stopped.</summary>
public sealed record TuneResult(IReadOnlyList<TunePoint> Points, TunePoint? Recommended, int Runs, int Rounds, string StopReason)
{
    public IEnumerable<TunePoint> Front => Points.Where(p => p.OnFront);
}
