using GossipSim.Scenarios;
using GossipSim.Scenarios.Model;

namespace GossipSim.Simulator.Cli;

/// <summary>Loads a scenario file for a command and picks the scenarios the user named or tagged.</summary>
public static class ScenarioInput
{
    public const string DefaultFile = "scenarios.yaml";

    public static ScenarioSet Load(string? file, IReadOnlyList<string> setOverrides, ScenarioSelection? selection = null) =>
        ScenarioLoader.Load(file ?? DefaultFile, setOverrides, selection);

    /// <summary>
    /// The points of the selected scenarios, in file order: those named (all when none named)
    /// that carry at least one of the tags (any when no tag given).
    /// </summary>
    public static List<ScenarioSpec> Select(ScenarioSet set, ScenarioSelection selection)
    {
        var (names, tags) = (selection.Names, selection.Tags);
        foreach (string name in names)
            if (!set.ScenarioNames.Contains(name))
                throw new UserError($"{set.SourcePath}: no scenario named '{name}'{Suggest.Hint(name, set.ScenarioNames)}; scenarios: {string.Join(", ", set.ScenarioNames)}");
        var known = set.Points.SelectMany(p => p.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (string tag in tags)
            if (!known.Contains(tag))
                throw new UserError($"{set.SourcePath}: no scenario is tagged '{tag}'{Suggest.Hint(tag, known)}; tags: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}");
        return set.Points.Where(p => selection.Includes(p.Name, p.Tags)).ToList();
    }
}
