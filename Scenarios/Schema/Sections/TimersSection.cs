namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>How node timers line up: aligned timers model a worst case of synchronized rounds.</summary>
internal sealed class TimersSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("timers", new MapKey(
            new Field("phase", new EnumKey(["random", "aligned"], "random") { Doc = "random: each node's first tick is uniform in one interval; aligned: all at 0" }))),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [];
}
