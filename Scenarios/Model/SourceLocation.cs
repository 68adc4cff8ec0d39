namespace GossipSim.Scenarios.Model;

/// <summary>Where a value came from: a file position, or a --set override (Line/Column 0).</summary>
internal readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>No position: values from schema defaults and canonical trees.</summary>
    public static readonly SourceLocation None = new("", 0, 0);

    public bool IsNone => string.IsNullOrEmpty(File);

    public static SourceLocation ForOverride(string path) => new($"--set {path}", 0, 0);

    public SpecError Error(string key, string message) => new(File, Line, Column, key, message);
}
