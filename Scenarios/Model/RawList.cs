namespace GossipSim.Scenarios.Model;

internal sealed class RawList(SourceLocation at, List<RawNode> items) : RawNode(at)
{
    public List<RawNode> Items { get; } = items;

    public override RawNode Clone() => new RawList(At, Items.Select(i => i.Clone()).ToList());

    public override string Describe() => "a list";
}
