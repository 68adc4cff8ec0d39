namespace GossipSim.Scenarios;

/// <summary>
/// Which scenarios of a file a command works on: those named (all when none are named) that
/// carry at least one of the tags (any when no tag is given). The loader applies `--set`
/// overrides only to these, so an override that makes sense for the chosen scenario cannot
/// break, or silently change, the ones the user did not ask for.
/// </summary>
public sealed record ScenarioSelection(IReadOnlyList<string> Names, IReadOnlyList<string> Tags)
{
    public static readonly ScenarioSelection All = new([], []);

    public bool Includes(string name, IEnumerable<string> tags) =>
        (Names.Count == 0 || Names.Contains(name)) && (Tags.Count == 0 || tags.Any(Tags.Contains));
}
