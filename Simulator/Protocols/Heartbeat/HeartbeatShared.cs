using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>What one run's nodes share (<see cref="HeartbeatConfig.NodeFactory()"/>): the reusable ACK and state-set payloads, and every member's generations.</summary>
public sealed class HeartbeatShared(int nodeCount)
{
    public PayloadPool<DigestAck> Acks { get; } = new(() => new DigestAck(nodeCount));

    public PayloadPool<StateSet> States { get; } = new(() => new StateSet(nodeCount));

    public Generations Generations { get; } = new(nodeCount);
}
