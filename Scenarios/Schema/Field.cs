namespace GossipSim.Scenarios.Schema;

/// <summary>A named key of a <see cref="MapKey"/>.</summary>
internal sealed record Field(string Name, SchemaNode Node, bool Required = false);
