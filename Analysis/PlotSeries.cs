namespace GossipSim.Analysis;

/// <summary>
/// One line, set of bars or markers as drawn: x and y in axis units, and the band or error
/// bar around y when the plot shows one (for CI error bars: the CI bounds). Plots return these
/// so a test can check the picture against the CSVs without reading pixels.
/// </summary>
public sealed record PlotSeries(string Label, double[] X, double[] Y, double[]? YLow = null, double[]? YHigh = null);
