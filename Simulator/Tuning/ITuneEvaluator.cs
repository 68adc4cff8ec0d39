namespace GossipSim.Simulator.Tuning;

/// <summary>One run the search asks for: a point and the index of the seed (0 = the first seed).</summary>
public sealed record TuneJob(TunePoint Point, int SeedIndex);

/// <summary>Runs what the search asks for. The simulator does it for real; tests plug in a synthetic function.</summary>
public interface ITuneEvaluator
{
    /// <summary>The metrics of each job, in the jobs' order; null for a run that failed.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, double>?> Run(IReadOnlyList<TuneJob> jobs);
}
