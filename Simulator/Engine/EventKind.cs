namespace GossipSim.Simulator.Engine;

/// <summary>What an event does when its time comes.</summary>
public enum EventKind : byte
{
    /// <summary>A node's timer: Node = node, Arg = timer kind, Data = (node epoch, timer generation, tag).</summary>
    Timer = 1,
    /// <summary>A message arrives: Node = receiver, Data = message slot.</summary>
    Delivery = 2,
    /// <summary>A scenario action (update, fault, sample): Arg = action index, Data = action argument.</summary>
    Driver = 3,
    /// <summary>A message leaves a sender's uplink queue: Node = sender, Data = message slot.</summary>
    Transmit = 4,
}
