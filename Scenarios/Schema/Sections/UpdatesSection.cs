namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Application updates injected into the cluster (the events whose spread is measured).</summary>
internal sealed class UpdatesSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("updates", new UnionByPresence(
        [
            ("every", new MapKey(
                new Field("every", new DurationKey(true) { Doc = "period between updates" }, Required: true),
                new Field("from", new IntKey(min: 0) { Doc = "origin node id (< nodes); absent = a random up node" }),
                new Field("start", new DurationKey(false) { Doc = "time of the first update (default: every)" }))
            {
                Rules = [s => { if (s.Value("start") is null && s.Value("every") is { } e) s.Derive("start", e); }],
            }),
            ("at", new MapKey(
                new Field("at", new ListKey(new DurationKey(false), minCount: 1) { Doc = "update times" }, Required: true),
                new Field("from", new IntKey(min: 0) { Doc = "origin node id (< nodes); absent = a random up node" }))),
        ], noneWord: "none")
        { Doc = "updates to spread; absent or `none` = none (`none` drops the updates of `defaults`)" }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } =
    [
        s =>
        {
            // Only the rumor family keeps an application item a node can write; SWIM, heartbeat and
            // Akka nodes gossip membership alone, so an update would never be learned and its
            // results would report a write that reached nobody.
            if (s.Value("updates.kind") is not null && s.Value("protocol.kind") is { } kind && !GossipProtocolSchema.Kinds.Contains(kind.Text))
            {
                s.Error("updates", $"kind '{kind.Text}' carries no application updates (only {string.Join(", ", GossipProtocolSchema.Kinds)} do); remove it, or write 'updates: none' to drop those of defaults");
            }
        },
        s =>
        {
            if (s.Long("updates.from") is { } from && s.Long("nodes") is { } nodes && from >= nodes)
            {
                s.Error("updates.from", $"node id {from} does not exist: must be < nodes ({nodes}) in scenario '{s.ScenarioName}'", "nodes");
            }
        },
        s =>
        {
            if (s.Long("duration") is not { } duration)
            {
                return;
            }

            var end = DurationText.Format(duration);
            if (s.Long("updates.start") is { } start && start >= duration)
            {
                s.Error("updates.start", $"first update at {DurationText.Format(start)} is not before the end of the run ({end})", "updates.every", "duration");
            }

            if (s.Value("updates.at") is { Items: { } times })
            {
                for (var i = 0; i < times.Count; i++)
                {
                    if (times[i].Integer >= duration)
                    {
                        s.Error($"updates.at[{i}]", $"update at {DurationText.Format(times[i].Integer)} is not before the end of the run ({end})", "duration");
                    }
                }
            }
        },
    ];
}
