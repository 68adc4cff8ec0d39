using GossipSim.Analysis;

namespace GossipSim.Simulator.Runs;

/// <summary>The result files of one run, as committed under <c>parts/</c> of an output directory.</summary>
public sealed record RunPart(string RunId, IReadOnlyList<ResultRow> Runs, IReadOnlyList<ResultRow> Events, IReadOnlyList<ResultRow> Timeseries);
