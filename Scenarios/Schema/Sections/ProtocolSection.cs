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
        kinds.Add((AkkaProtocolSchema.Kind, AkkaProtocolSchema.Create()));
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
            // The reset counter needs to hear which contacts were necessary: a counter with feedback.
            if (s.Value("protocol.stop.reset") is not { Flag: true }) return;
            if (s.Value("protocol.stop") is not { Text: "counter" })
                s.Error("protocol.stop.reset", $"reset applies to the counter stop rule only ({{counter: k, reset: true}}) in scenario '{s.ScenarioName}'");
            else if (s.Value("protocol.feedback") is { Flag: false })
                s.Error("protocol.stop.reset", $"reset needs feedback: true (the receiver tells which contacts were necessary) in scenario '{s.ScenarioName}'", "protocol.feedback");
        },
        s =>
        {
            if (s.Long("protocol.fanout") is { } fanout && s.Long("nodes") is { } nodes && fanout >= nodes)
            {
                s.Error("protocol.fanout", $"fanout ({fanout}) must be < nodes ({nodes}) in scenario '{s.ScenarioName}'", "nodes");
            }
        },
        s =>
        {
            if (s.Long("nodes") is not { } nodes || s.Value("protocol.seeds") is not { Items: { } seeds })
            {
                return;
            }

            for (var i = 0; i < seeds.Count; i++)
            {
                if (seeds[i].Integer >= nodes)
                {
                    s.Error($"protocol.seeds[{i}]", $"node id {seeds[i].Integer} does not exist: must be < nodes ({nodes}) in scenario '{s.ScenarioName}'", "nodes");
                }
            }
        },
    ];
}
