using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Sweeps;

/// <summary>One swept key: its path, where the sweep names it, and its values in order.</summary>
internal sealed record SweepAxis(string Path, string[] Segments, SourceLocation KeyAt, IReadOnlyList<RawNode> Values);
