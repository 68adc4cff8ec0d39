namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>Which way data travels in an exchange (Demers et al., PODC 1987).</summary>
public enum Direction { Push, Pull, PushPull }

/// <summary>Anti-entropy sends everything a node holds; rumor mongering sends only hot rumors.</summary>
public enum SpreadMode { AntiEntropy, Rumor }

/// <summary>When a rumor stops being hot: never, after k counted contacts, or with chance 1/k per counted contact.</summary>
public enum StopRule { None, Counter, Coin }

/// <summary>
/// Settings of the push / pull / push-pull family. With <see cref="Feedback"/> a contact counts
/// toward the stop rule only when the peer already knew the rumor; without it (blind) every
/// contact counts. <see cref="CounterReset"/> (counter with feedback) counts only consecutive
/// unnecessary contacts: a contact is necessary when the receiver had not passed the rumor on yet
/// (it learned it after its own last round), and a necessary one sets the count back to zero; the
/// rule behind Demers et al.'s Table 1. Without it every unnecessary contact counts, which gives
/// the closed form s = e^-(k+1)(1-s).
/// </summary>
public sealed record RumorConfig(
    int NodeCount,
    Direction Direction,
    SpreadMode Mode,
    int Fanout,
    long IntervalUs,
    StopRule Stop,
    int StopK,
    bool Feedback,
    bool AlignedPhase,
    MessageSize[] Sizes,
    bool CounterReset = false) : IProtocolSetup
{
    public IReadOnlyList<string> MessageTypes => RumorMessageType.Names;

    public long RoundUs => IntervalUs;

    public ProtocolNode CreateNode(INodeContext context) => NodeFactory()(context);

    /// <summary>A node writes only its own state and the factory's scratch.</summary>
    public bool NodesShareNoState => true;

    /// <summary>The run's nodes share one list for gathering a message's entries and one array for a round's peers (see <see cref="RumorShared"/>).</summary>
    public Func<INodeContext, ProtocolNode> NodeFactory()
    {
        var shared = new RumorShared(this);
        return context => new RumorNode(context, shared);
    }
}
