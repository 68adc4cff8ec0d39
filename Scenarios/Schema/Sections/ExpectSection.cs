using GossipSim.Scenarios.Expectations;

namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Bounds that <c>gossipsim check</c> holds a scenario's results to (docs/ci.md).</summary>
internal sealed class ExpectSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("expect", new ListKey(new ExpectationKey(), absentIsEmpty: true)
            { Doc = "bounds checked by `gossipsim check`: METRIC.STAT OP BOUND, e.g. t100_s_mean.mean <= 3s" }),
        // No runs.csv metric column has a dot, and a dotted key would be read as a path into the map
        // (t100.s_mean as the metric t100), so it is refused here, where its place and whole name are known.
        new("baseline", new DictKey(new TextKey(ExpectationParser.MetricPattern, "a runs.csv metric column such as t99_s_mean (lower-case letters, digits and '_', no dots)"),
                new TextKey(@"^[0-9]+(\.[0-9]+)?%?$", "a tolerance such as 10% or 0.1"), "metric")
            { Doc = "metrics `gossipsim check --baseline` compares for this scenario, each with how much worse it may get (10% or 0.1); empty = every metric at --tolerance" }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [];
}
