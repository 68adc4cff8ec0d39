namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// The protocol under test. Each kind has its own key set; heartbeat and swim will be added
/// to <see cref="Kinds"/> by their own schema files.
/// </summary>
internal sealed class ProtocolSection : ISchemaSection
{
    public static IReadOnlyList<(string Name, MapKey Schema)> Kinds()
    {
        var gossip = GossipProtocolSchema.Create();
        return GossipProtocolSchema.Kinds.Select(k => (k, gossip)).ToList();
    }

    public IReadOnlyList<Field> Fields { get; } =
    [
        new("protocol", new UnionByKey("kind", Kinds())
        {
            DefaultVariant = "pushpull",
            DefaultYaml = "{kind: pushpull}",
            Doc = "protocol family",
        }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } =
    [
        s =>
        {
            if (s.Long("protocol.fanout") is { } fanout && s.Long("nodes") is { } nodes && fanout >= nodes)
            {
                s.Error("protocol.fanout", $"fanout ({fanout}) must be < nodes ({nodes}) in scenario '{s.ScenarioName}'", "nodes");
            }
        },
    ];
}
