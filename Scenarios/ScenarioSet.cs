namespace GossipSim.Scenarios;

/// <summary>Everything one scenario file expands to: every sweep point of every scenario, in file order.</summary>
public sealed class ScenarioSet
{
    internal ScenarioSet(string sourcePath, string contentSha256, IReadOnlyList<ScenarioSpec> points, IReadOnlyList<string> scenarioNames, IReadOnlyList<string> notes)
    {
        Notes = notes;
        SourcePath = sourcePath;
        ContentSha256 = contentSha256;
        Points = points;
        ScenarioNames = scenarioNames;
    }

    public string SourcePath { get; }

    /// <summary>Lower-case hex SHA-256 of the file bytes, for manifests.</summary>
    public string ContentSha256 { get; }

    /// <summary>Scenario by scenario (file order), then by PointIndex.</summary>
    public IReadOnlyList<ScenarioSpec> Points { get; }

    public IReadOnlyList<string> ScenarioNames { get; }

    /// <summary>What the loader did that the file does not say in so many words (defaults a
    /// variant switch did not inherit), one located line each, for validate to show.</summary>
    public IReadOnlyList<string> Notes { get; }
}
