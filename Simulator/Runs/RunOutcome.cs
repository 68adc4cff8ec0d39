using GossipSim.Analysis;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Runs;

/// <summary>What one finished run produced: its row of runs.csv, its cluster events, and its cost.</summary>
public sealed record RunOutcome(RunSetup Setup, ResultRow Row, IReadOnlyList<ClusterEventResult> Events, long EventsProcessed, double WallSeconds);
