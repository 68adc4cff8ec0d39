namespace GossipSim.Simulator.Protocols;

/// <summary>Where a node's graceful leave stands when <see cref="ProtocolNode.OnLeave"/> returns.</summary>
public enum LeaveProgress
{
    /// <summary>The leave is done: the process stops now.</summary>
    Done,

    /// <summary>
    /// The node hands its leave over while still a member (Akka's Leaving, Exiting and the exiting
    /// handshake) and runs on until it calls <see cref="INodeContext.Exit"/>: that exit is the leave.
    /// </summary>
    HandingOver,

    /// <summary>
    /// The node has left the membership now (Cassandra's decommission setting STATUS LEFT) and runs
    /// on, gossiping, until it calls <see cref="INodeContext.Exit"/>, which only ends its process:
    /// from now on a belief that it is gone is right.
    /// </summary>
    LeftRunningOn,
}
