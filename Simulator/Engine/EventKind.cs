namespace GossipSim.Simulator.Engine;

/// <summary>What an event does when its time comes, and what its Node and Arg fields hold.</summary>
public enum EventKind : byte
{
    /// <summary>A node's untagged timer: Node = node, Arg = timer kind | generation &lt;&lt; 8.</summary>
    Timer = 1,
    /// <summary>A node's timer with a tag: Node = node, Arg = slot of (kind, generation, tag) in the tag store.</summary>
    TaggedTimer = 2,
    /// <summary>A message arrives: Node = receiver, Arg = message slot.</summary>
    Delivery = 3,
    /// <summary>A scenario action (update, fault, sample): Node = action argument, Arg = action.</summary>
    Driver = 4,
    /// <summary>A slow node finishes handling a queued message: Node = receiver, Arg = message slot.</summary>
    SlowDelivery = 5,
}
