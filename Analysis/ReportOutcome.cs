namespace GossipSim.Analysis;

/// <summary>What <see cref="ReportWriter.WriteAll"/> wrote: the summary rows, every plot with its data, and the scaling fits.</summary>
public sealed record ReportOutcome(IReadOnlyList<ResultRow> Summary, IReadOnlyList<PlotResult> Plots, IReadOnlyList<ScalingFitResult> ScalingFits);
