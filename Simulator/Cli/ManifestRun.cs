namespace GossipSim.Simulator.Cli;

/// <summary>One planned run as manifest.json lists it.</summary>
public sealed record ManifestRun(string RunId, string Scenario, int Point, ulong Seed);
