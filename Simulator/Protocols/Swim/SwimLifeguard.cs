namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// Lifeguard's three parts (Dadgar et al., arXiv 1707.00788; docs/references.md §5), each on its own:
/// <see cref="Lha"/> local health awareness (probe interval and deadline stretched by score+1),
/// <see cref="Lhs"/> dynamic suspicion timeout (falls from Max to Min with confirmations; off means
/// the fixed SWIM timeout Min), <see cref="Buddy"/> (a ping to a suspect carries the suspicion).
/// <see cref="AwarenessMax"/> is memberlist's AwarenessMaxMultiplier: the score lives in [0, max-1].
/// </summary>
public sealed record SwimLifeguard(bool Lha, bool Lhs, bool Buddy, int AwarenessMax)
{
}
