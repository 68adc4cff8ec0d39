namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>"Origin's item is at this version": the unit that rumor and anti-entropy messages carry.</summary>
public readonly record struct VersionEntry(int Origin, long Version);
