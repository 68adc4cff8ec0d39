namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Identity, size, length and seeding of a scenario.</summary>
internal sealed class CoreSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("name", new TextKey("^[a-z0-9_-]{1,100}$", "1 to 100 lower-case letters, digits, '-' and '_' (it becomes part of file names)")
            { Doc = "unique scenario name; used in result rows and file names" }, Required: true),
        new("description", new TextKey { Doc = "free text for reports" }),
        new("tags", new ListKey(new TextKey(), absentIsEmpty: true) { Doc = "labels to select scenarios (e.g. ci, smoke)" }),
        new("nodes", new IntKey(min: 2, @default: 1200) { Doc = "cluster size" }),
        new("duration", new DurationKey(positive: true, "60s") { Doc = "simulated time per run" }),
        new("seed", new U64Key(1) { Doc = "root seed of the first replication" }),
        new("seeds", new IntKey(min: 1, @default: 1) { Doc = "replications: seed, seed+1, ..., seed+seeds-1" }),
        new("sample_every", new DurationKey(positive: true, "1s") { Doc = "time-series sampling period" }),
        new("record", new MapKey(
            new Field("declarations", new BoolKey(false) { Doc = "write declarations.csv: every death mark with who declared whom and the truth of both (docs/membership.md)" }))
            { Doc = "optional detail files beside runs.csv" }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } =
    [
        s =>
        {
            // Only a count above 1 can run over, so seeds is always written where this fires: that is where it points.
            if (s.Value("seed") is { Kind: ValueKind.ULong } seed && s.Long("seeds") is { } seeds
                && ScenarioLimits.SeedRangeProblem(seed.Unsigned, (ulong)seeds) is { } problem)
            {
                s.Error("seeds", problem);
            }
        },
    ];
}
