using GossipSim.Scenarios.Schema.Sections;

namespace GossipSim.Scenarios.Schema;

/// <summary>The whole scenario schema: the sections, in the order their keys are documented.</summary>
internal static class ScenarioSchema
{
    public static readonly IReadOnlyList<ISchemaSection> Sections =
    [
        new CoreSection(),
        new NetworkSection(),
        new ProtocolSection(),
        new TimersSection(),
        new UpdatesSection(),
        new FaultsSection(),
        new RingSection(),
        new ExpectSection(),
    ];

    /// <summary>Keys of a scenario item that are not spec values: consumed by the loader.</summary>
    public static readonly IReadOnlyList<string> LoaderKeys = ["sweep"];

    public static readonly MapKey Root = new(Sections.SelectMany(s => s.Fields).ToArray())
    {
        Rules = Sections.SelectMany(s => s.CrossRules).ToArray(),
    };
}
