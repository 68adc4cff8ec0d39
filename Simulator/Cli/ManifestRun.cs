namespace GossipSim.Simulator.Cli;

/// <summary>One planned run as manifest.json lists it, with the hash of its exact spec (see <see cref="Runs.RunSetup.SpecSha256"/>).</summary>
public sealed record ManifestRun(string RunId, string Scenario, int Point, ulong Seed, string SpecSha256);
