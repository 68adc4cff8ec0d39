namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The states a push or an ACK2 carries: the members in <see cref="Members"/>, each read from the
/// sender's <see cref="TableReader.Table"/> (pinned while this is in flight). Reused once delivered.
/// </summary>
public sealed class StateSet(int nodeCount) : TableReader
{
    public ulong[] Members { get; } = new ulong[MemberBits.Words(nodeCount)];

    public int Count { get; set; }
}
