using System.Reflection;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// What made a run's part besides its spec: the version of gossipsim (another version may compute
/// other results from the same spec) and whether its rows hold the wall-clock columns (left out
/// with --no-timing). Parts made differently are never kept side by side in one result set.
/// </summary>
public sealed record PartMaker(string ToolVersion, bool WallClock)
{
    public static string CurrentVersion { get; } =
        typeof(PartMaker).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>This gossipsim, with or without wall-clock columns.</summary>
    public static PartMaker Current(bool wallClock) => new(CurrentVersion, wallClock);

    /// <summary>Why a part made by <paramref name="made"/> cannot stand beside parts this maker makes; null when it can.</summary>
    public string? WhyNotBeside(PartMaker made)
    {
        if (made.ToolVersion != ToolVersion)
            return $"it was written by gossipsim {made.ToolVersion}, the runs it would join by {ToolVersion}: another version may compute other results from the same spec";
        if (made.WallClock != WallClock)
            return $"its rows {(made.WallClock ? "hold" : "leave out")} the wall-clock columns, the runs it would join {(WallClock ? "hold them" : "leave them out")} (--no-timing)";
        return null;
    }
}
