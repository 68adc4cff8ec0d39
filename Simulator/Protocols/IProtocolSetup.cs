namespace GossipSim.Simulator.Protocols;

/// <summary>
/// A protocol family's settings for one run, and how to make one node of it. Each family
/// (rumor, heartbeat, swim) has its own record implementing this, built by the scenario compiler.
/// </summary>
public interface IProtocolSetup
{
    /// <summary>Names of the family's message types, indexed by <see cref="Network.Message.Type"/>.</summary>
    IReadOnlyList<string> MessageTypes { get; }

    ProtocolNode CreateNode(INodeContext context);
}
