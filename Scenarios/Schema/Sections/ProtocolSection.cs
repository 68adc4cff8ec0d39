namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// The protocol under test. Each kind has its own key set, declared in its own schema file.
/// </summary>
internal sealed class ProtocolSection : ISchemaSection
{
    public static IReadOnlyList<(string Name, MapKey Schema)> Kinds()
    {
        var gossip = GossipProtocolSchema.Create();
        var kinds = GossipProtocolSchema.Kinds.Select(k => (k, gossip)).ToList();
        kinds.Add((HeartbeatProtocolSchema.Kind, HeartbeatProtocolSchema.Create()));
        kinds.Add((SwimProtocolSchema.Kind, SwimProtocolSchema.Create()));
        return kinds;
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
        s =>
        {
            if (s.Long("nodes") is not { } nodes)
            {
                return;
            }

            foreach (var (i, seed) in s.Items("protocol.seeds"))
            {
                if (seed.Integer >= nodes)
                {
                    s.Error($"protocol.seeds[{i}]", $"node id {seed.Integer} does not exist: must be < nodes ({nodes}) in scenario '{s.ScenarioName}'", "nodes");
                }
            }
        },
    ];
}
