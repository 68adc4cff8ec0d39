namespace GossipSim.Scenarios.Model;

/// <summary>
/// Where a value came from: a file position, or a --set override (Line/Column 0). A value a preset
/// brought in is placed at the <c>preset:</c> key that named it, with <paramref name="From"/> saying
/// which preset: the preset's own text is not something the user can open.
/// </summary>
internal readonly record struct SourceLocation(string File, int Line, int Column, string? From = null)
{
    /// <summary>No position: values from schema defaults and canonical trees.</summary>
    public static readonly SourceLocation None = new("", 0, 0);

    public bool IsNone => string.IsNullOrEmpty(File);

    public static SourceLocation ForOverride(string path) => new($"--set {path}", 0, 0);

    public SpecError Error(string key, string message) => new(File, Line, Column, From is null ? key : $"{key} (from {From})", message);
}
