namespace GossipSim.Scenarios.Schema;

/// <summary>
/// One top-level part of the scenario schema (network, protocol, ...). New parts (faults,
/// heartbeat, swim, ring, expect) are added as one more implementation listed in
/// <see cref="ScenarioSchema"/>.
/// </summary>
internal interface ISchemaSection
{
    /// <summary>Top-level keys this section owns.</summary>
    IReadOnlyList<Field> Fields { get; }

    /// <summary>Rules that look across sections (fanout &lt; nodes); paths are absolute.</summary>
    IReadOnlyList<Action<RuleScope>> CrossRules { get; }
}
