namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// The protocol under test. Each kind has its own key set, declared in its own schema file.
/// </summary>
internal sealed class ProtocolSection : ISchemaSection
{
    /// <summary>Keys that name the same idea in different kinds (peers a round, the round's
    /// period), so a key carried over from another kind is answered with this kind's name.</summary>
    private static readonly Dictionary<string, string[]> SameIdea = new(StringComparer.Ordinal)
    {
        ["fanout"] = ["gossip_nodes"],
        ["gossip_nodes"] = ["fanout"],
        ["interval"] = ["gossip_interval", "probe_interval"],
        ["gossip_interval"] = ["interval"],
        ["probe_interval"] = ["interval"],
    };

    public static IReadOnlyList<(string Name, MapKey Schema)> Kinds()
    {
        var gossip = GossipProtocolSchema.Create().WithSynonyms(SameIdea);
        var kinds = GossipProtocolSchema.Kinds.Select(k => (k, gossip)).ToList();
        kinds.Add((HeartbeatProtocolSchema.Kind, HeartbeatProtocolSchema.Create().WithSynonyms(SameIdea)));
        kinds.Add((SwimProtocolSchema.Kind, SwimProtocolSchema.Create().WithSynonyms(SameIdea)));
        kinds.Add((AkkaProtocolSchema.Kind, AkkaProtocolSchema.Create().WithSynonyms(SameIdea)));
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
        s =>
        {
            // Seeds are a set of nodes: one listed twice would weigh double in the draw of a seed and
            // count twice as a seed, and a heartbeat node whose only seed is itself, listed twice,
            // would draw forever for a seed other than itself.
            var first = new Dictionary<long, int>();
            foreach (var (i, seed) in s.Items("protocol.seeds"))
            {
                if (!first.TryAdd(seed.Integer, i))
                    s.Error($"protocol.seeds[{i}]", $"node {seed.Integer} is listed twice (also protocol.seeds[{first[seed.Integer]}]); list each seed once");
            }
        },
    ];
}
