namespace GossipSim.Simulator.Engine;

/// <summary>
/// What a node that wakes from a pause handles first, of the timers that came due and the messages
/// that arrived while it was stalled (docs/references.md, "Pauses and wake order").
/// </summary>
public enum WakeOrder
{
    /// <summary>All in the order they came due or arrived.</summary>
    Arrival,
    /// <summary>Expired timers first, then the messages (Go's scheduler runs expired timers before it polls the network).</summary>
    TimersFirst,
    /// <summary>The messages first, then the timers.</summary>
    MessagesFirst,
}
