using GossipSim.Analysis;

namespace GossipSim.Simulator.Runs;

/// <summary>The result files of one run, as committed under <c>parts/</c> of an output directory.</summary>
public sealed record RunPart(string RunId, IReadOnlyList<ResultRow> Runs, IReadOnlyList<ResultRow> Events, IReadOnlyList<ResultRow> Timeseries)
{
    /// <summary>curves.csv rows: each event's learn-time curve, 100 rows an event.</summary>
    public IReadOnlyList<ResultRow> Curves { get; init; } = [];

    /// <summary>declarations.csv rows: every death mark, when the scenario records them.</summary>
    public IReadOnlyList<ResultRow> Declarations { get; init; } = [];
}
