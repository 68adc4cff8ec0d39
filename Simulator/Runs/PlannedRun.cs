namespace GossipSim.Simulator.Runs;

/// <summary>A run as a result directory knows it: its id and the hash of its exact spec (<see cref="RunSetup.SpecSha256"/>).</summary>
public readonly record struct PlannedRun(string RunId, string SpecSha256)
{
    public static PlannedRun Of(RunSetup run) => new(run.RunId, run.SpecSha256);
}
