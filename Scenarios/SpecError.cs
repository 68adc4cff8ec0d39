namespace GossipSim.Scenarios;

/// <summary>One problem in a scenario file or a --set override. Line/Column are 1-based, 0 when not applicable.</summary>
public sealed record SpecError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Key}: {Message}";
}
