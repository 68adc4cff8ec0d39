namespace GossipSim.Analysis;

/// <summary>
/// A figure written under plots/ (SVG for reports, PNG for comparison.png): its file name, the
/// question its title asks, and the data it drew.
/// </summary>
public sealed record PlotResult(string FileName, string Title, IReadOnlyList<PlotSeries> Series)
{
    /// <summary>The picture's height in pixels: the standard height, or more for a bar chart of many rows.</summary>
    public int HeightPx { get; init; } = ResultPlots.HeightPx;

    /// <summary>For a bar chart, the row labels from top to bottom; empty for other plots.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Where the y-axis starts, for the plots that choose it from the data (view accuracy, sweep lines); null where the plotting library chose.</summary>
    public double? YAxisFrom { get; init; }
}
