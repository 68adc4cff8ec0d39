namespace GossipSim.Simulator.Network;

/// <summary>Parameters of <see cref="GilbertElliottLoss"/> (YAML <c>network.burst_loss</c>).</summary>
public sealed record BurstLossSpec(double PGoodBad, double PBadGood, double LossGood, double LossBad, bool PerSender);
