namespace GossipSim.Scenarios;

/// <summary>One problem in a scenario file or a --set override. Line/Column are 1-based, 0 when not applicable.</summary>
public sealed record SpecError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString()
    {
        string where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Key.Length > 0 ? $"{where}: {Key}: {Message}" : $"{where}: {Message}";
    }

    /// <summary>
    /// Errors in the order they are listed: those of --set overrides first, then by line and column,
    /// because users fix a file from top to bottom.
    /// </summary>
    public static SpecError[] InFileOrder(IEnumerable<SpecError> errors) => errors
        .OrderBy(e => e.File.StartsWith("--set ", StringComparison.Ordinal) ? 0 : 1)
        .ThenBy(e => e.Line)
        .ThenBy(e => e.Column)
        .ToArray();
}
