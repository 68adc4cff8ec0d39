namespace GossipSim.Simulator.Cli;

/// <summary>A mistake in what the user asked for: reported as one clear line, exit code 2, no stack trace.</summary>
public sealed class UserError(string message) : Exception(message);
