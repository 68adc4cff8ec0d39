using GossipSim.Scenarios;

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
                throw new UserError($"{set.SourcePath}: no scenario named '{name}'{Suggest(name, set.ScenarioNames)}; scenarios: {string.Join(", ", set.ScenarioNames)}");
        return set.Points.Where(p => names.Count == 0 || names.Contains(p.Name)).ToList();
    }

    private static string Suggest(string name, IReadOnlyList<string> candidates)
    {
        string? best = candidates.OrderBy(c => Distance(name, c)).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
        return best is not null && Distance(name, best) <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
