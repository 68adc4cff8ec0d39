namespace GossipSim.Scenarios.Model;

internal sealed class RawScalar(SourceLocation at, string text, bool quoted) : RawNode(at)
{
    public string Text { get; } = text;

    /// <summary>Quoted scalars are always text; only plain scalars can be null.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Text is "" or "~" or "null" or "Null" or "NULL";

    public override RawNode Clone() => this; // immutable

    public override string Describe() => IsNull ? "nothing" : $"'{Text}'";
}
