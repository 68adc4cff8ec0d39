namespace GossipSim.Scenarios;

/// <summary>Limits on what a scenario file may ask for, shared by the loader and the runner.</summary>
public static class ScenarioLimits
{
    /// <summary>
    /// Most runs (sweep points x seeds) one scenario, and one plan, may hold. Every run costs a setup
    /// in memory before any runs, and a part folder and a row after; a million is already weeks of
    /// machine time at a second a run, so more is a typo (seeds: 1000000000) to refuse before
    /// anything is allocated. The loader checks it before a sweep's points are expanded.
    /// </summary>
    public const long MaxRuns = 1_000_000;
}
