using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>A payload whose states are read from the sender's <see cref="Table"/>, which counts as in flight while this does (<see cref="ReusablePayload.Source"/>).</summary>
public abstract class TableReader : ReusablePayload
{
    public MemberTable Table
    {
        get => (MemberTable)Source!;
        set => Source = value;
    }
}
