namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Latency, loss and message sizes.</summary>
internal sealed class NetworkSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("network", new MapKey(
            new Field("latency", LatencySchema.Create()),
            new Field("loss", new RealKey(0, 1, 0) { Doc = "probability that a message is dropped" }),
            new Field("sizes", new DictKey(
                new TextKey("^[A-Za-z0-9_-]+$", "letters, digits, '-' and '_'"),
                new MapKey(
                    new Field("header", new IntKey(min: 0) { Doc = "bytes per message" }, Required: true),
                    new Field("item", new IntKey(min: 0) { Doc = "bytes per carried item" }, Required: true))
                { AbsentIsEmpty = false },
                "type")
            { Doc = "message size per message type; unlisted types use the simulator's defaults" }))),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [];
}
