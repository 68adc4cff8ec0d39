using GossipSim.Scenarios;

namespace GossipSim.Tests.Scenarios;

/// <summary>Helpers that load YAML text and hand back specs or the collected errors.</summary>
internal static class ScenarioYaml
{
    public const string File = "test.yaml";

    public static ScenarioSet Load(string yaml, params string[] sets) => ScenarioLoader.Parse(yaml, File, sets);

    public static ScenarioSpec Single(string yaml, params string[] sets)
    {
        var set = Load(yaml, sets);
        Assert.That(set.Points, Has.Count.EqualTo(1));
        return set.Points[0];
    }

    /// <summary>The errors of a load that must fail; any other exception fails the test.</summary>
    public static IReadOnlyList<SpecError> Errors(string yaml, params string[] sets)
    {
        var e = Assert.Throws<ScenarioException>(() => Load(yaml, sets))!;
        Assert.That(e.Errors, Is.Not.Empty);
        return e.Errors;
    }

    /// <summary>YAML text from lines, so tests can count line numbers by eye.</summary>
    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
