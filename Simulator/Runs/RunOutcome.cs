using GossipSim.Analysis;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// What one finished run produced: its row of runs.csv, its cluster events, its samples, and its cost (wall time
/// of the whole run, and of the event loop alone, which is what the bw1 baselines time).
/// </summary>
public sealed record RunOutcome(RunSetup Setup, ResultRow Row, IReadOnlyList<ClusterEventResult> Events, long EventsProcessed, double WallSeconds, double LoopSeconds)
{
    /// <summary>Samples for timeseries.csv (every <see cref="RunSetup.SampleEveryUs"/>).</summary>
    public IReadOnlyList<ViewSample> Samples { get; init; } = [];

    /// <summary>Threads the run was split across (1: sequential; see <see cref="RunExecutor.Split"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Rows of declarations.csv, empty unless the scenario records declarations.</summary>
    public IReadOnlyList<ResultRow> Declarations { get; init; } = [];
}
