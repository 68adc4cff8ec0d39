namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// What one run's rumor nodes share (<see cref="RumorConfig.NodeFactory()"/>): the settings, and
/// scratch that a node fills and sends within one handler. Handlers never nest, so no node needs
/// its own; kept out of the nodes, whose every byte is a cache miss away at 100,000 nodes and more.
/// </summary>
public sealed class RumorShared(RumorConfig config)
{
    public RumorConfig Config { get; } = config;

    /// <summary>Entries being gathered for one message.</summary>
    public List<VersionEntry> Entries { get; } = [];

    /// <summary>This round's peers.</summary>
    public int[] Peers { get; } = new int[config.Fanout];

    /// <summary>Counter with reset and feedback: each push is answered, so the pusher learns which contacts were necessary.</summary>
    public bool ResetCounter { get; } =
        config.CounterReset && config.Stop == StopRule.Counter && config.Feedback && config.Mode == SpreadMode.Rumor;
}
