namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>Message types of the rumor family; the numbers index <see cref="Names"/>.</summary>
public static class RumorMessageType
{
    public const int Push = 0;
    public const int PullRequest = 1;
    public const int PullReply = 2;
    public const int Feedback = 3;
    /// <summary>A push that asks for the receiver's newer entries in return (anti-entropy push-pull).</summary>
    public const int PushPull = 4;

    /// <summary>The names network.sizes and the bytes_TYPE_per_node_s columns use; the scenario schema holds network.sizes to them.</summary>
    public static readonly IReadOnlyList<string> Names = Scenarios.MessageTypes.Rumor;
}
