namespace GossipSim.Simulator.Network;

/// <summary>Which way a partition cuts the links between its group and every other node.</summary>
public enum LinkDirection : byte
{
    /// <summary>No message crosses either way.</summary>
    Both = 0,
    /// <summary>The group cannot send to the rest; the rest still reaches the group.</summary>
    Out = 1,
    /// <summary>The group cannot receive from the rest; it still sends.</summary>
    In = 2,
}
