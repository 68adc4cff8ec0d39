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

    /// <summary>
    /// The most nodes a scenario with a ring can have: the ring view tracker keeps one int per
    /// (observer, owner) in one array, and a .NET array holds fewer than 2^31 elements. The schema
    /// refuses more (RingSection), however much memory the machine has.
    /// </summary>
    public const int MaxRingNodes = 46_340;

    /// <summary>
    /// Why <paramref name="count"/> seeds from <paramref name="first"/> cannot all be given: the run
    /// seeds are first, first+1, ..., and the last must not pass 2^64-1 (it would wrap to 0 and
    /// repeat runs). Null when they can. The loader checks a file's seed and seeds with it, the
    /// runner the --seed and --seeds given on the command line.
    /// </summary>
    public static string? SeedRangeProblem(ulong first, ulong count) =>
        count > 0 && first > ulong.MaxValue - (count - 1)
            ? $"{count} seeds from {first} would pass the largest seed, {ulong.MaxValue}; use a smaller first seed"
            : null;
}
