using GossipSim.Simulator.Protocols;

namespace GossipSim.Simulator.Engine;

/// <summary>How a run is split across threads (<see cref="Simulation"/>'s windows).</summary>
/// <param name="Lanes">Threads, each handling a contiguous block of node ids.</param>
/// <param name="WindowUs">
/// The network's shortest possible delay: no message sent in a window of this length can arrive
/// within it, so within a window each lane's nodes depend only on themselves.
/// </param>
/// <param name="NodeFactory">Makes one node factory per lane (<see cref="IProtocolSetup.NodeFactory"/>).</param>
public sealed record LaneSplit(int Lanes, long WindowUs, Func<Func<INodeContext, ProtocolNode>> NodeFactory);
