namespace GossipSim.Scenarios.Model;

/// <summary>
/// Our own copy of the YAML tree. YamlDotNet nodes are not easy to merge or patch, and
/// values coming from --set and sweeps need locations that are not file positions.
/// </summary>
internal abstract class RawNode(SourceLocation at)
{
    public SourceLocation At { get; } = at;

    public abstract RawNode Clone();

    public abstract string Describe();
}
