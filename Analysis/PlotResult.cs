namespace GossipSim.Analysis;

/// <summary>A PNG written under plots/: its file name, the question its title asks, and the data it drew.</summary>
public sealed record PlotResult(string FileName, string Title, IReadOnlyList<PlotSeries> Series);
