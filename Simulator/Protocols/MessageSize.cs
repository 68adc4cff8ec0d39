namespace GossipSim.Simulator.Protocols;

/// <summary>Wire size of one message type: a fixed header plus bytes per item carried.</summary>
public readonly record struct MessageSize(int HeaderBytes, int ItemBytes)
{
    public int Of(int items) => HeaderBytes + ItemBytes * items;
}
