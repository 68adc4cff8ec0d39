using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>One run's reusable ACK and state-set payloads, shared by its nodes (<see cref="HeartbeatConfig.NodeFactory"/>).</summary>
public sealed class HeartbeatPools(int nodeCount)
{
    public PayloadPool<DigestAck> Acks { get; } = new(() => new DigestAck(nodeCount));

    public PayloadPool<StateSet> States { get; } = new(() => new StateSet(nodeCount));
}
