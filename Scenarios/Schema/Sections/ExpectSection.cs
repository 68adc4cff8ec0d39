namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Bounds that <c>gossipsim check</c> holds a scenario's results to (docs/ci.md).</summary>
internal sealed class ExpectSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("expect", new ListKey(new ExpectationKey(), absentIsEmpty: true)
            { Doc = "bounds checked by `gossipsim check`: METRIC.STAT OP BOUND, e.g. t100_s_mean.mean <= 3s" }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [];
}
