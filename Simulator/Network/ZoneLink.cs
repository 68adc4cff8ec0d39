namespace GossipSim.Simulator.Network;

/// <summary>Latency and/or loss between zones <paramref name="A"/> and <paramref name="B"/> (both directions; A = B: inside a zone); null = the global one.</summary>
public sealed record ZoneLink(int A, int B, LatencySpec? Latency, double? Loss);
