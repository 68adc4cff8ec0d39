namespace GossipSim.Analysis;

/// <summary>
/// A PNG written under plots/: its file name, the question its title asks, and the data it drew.
/// <see cref="Svg"/> is the same figure as vectors, which report.html embeds instead of the PNG.
/// </summary>
public sealed record PlotResult(string FileName, string Title, IReadOnlyList<PlotSeries> Series)
{
    public string? Svg { get; init; }

    /// <summary>For a bar chart, the row labels from top to bottom; empty for other plots.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Where the y-axis starts when the plot chose it from the data rather than from zero.</summary>
    public double? YAxisFrom { get; init; }
}
