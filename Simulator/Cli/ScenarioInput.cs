using GossipSim.Scenarios;
using GossipSim.Scenarios.Model;

namespace GossipSim.Simulator.Cli;

/// <summary>Loads a scenario file for a command and picks the scenarios the user named.</summary>
public static class ScenarioInput
{
    public const string DefaultFile = "scenarios.yaml";

    public static ScenarioSet Load(string? file, IReadOnlyList<string> setOverrides) =>
        ScenarioLoader.Load(file ?? DefaultFile, setOverrides);

    /// <summary>The points of the named scenarios (all when none named), in file order.</summary>
    public static List<ScenarioSpec> Select(ScenarioSet set, IReadOnlyList<string> names)
    {
        foreach (string name in names)
            if (!set.ScenarioNames.Contains(name))
                throw new UserError($"{set.SourcePath}: no scenario named '{name}'{Suggest.Hint(name, set.ScenarioNames)}; scenarios: {string.Join(", ", set.ScenarioNames)}");
        return set.Points.Where(p => names.Count == 0 || names.Contains(p.Name)).ToList();
    }
}
