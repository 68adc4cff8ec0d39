namespace GossipSim.Scenarios;

/// <summary>
/// The message types whose sizes <c>network.sizes</c> may set, per protocol family, in the order the
/// simulator numbers them. They are names a scenario writes, so the schema holds a scenario's
/// network.sizes to its protocol's list; the protocols number their messages and default sizes by it.
/// </summary>
public static class MessageTypes
{
    /// <summary>push, pull and pushpull (the rumor family).</summary>
    public static readonly IReadOnlyList<string> Rumor = ["push", "pull_request", "pull_reply", "feedback", "pushpull"];

    /// <summary>heartbeat.</summary>
    public static readonly IReadOnlyList<string> Heartbeat = ["push", "syn", "ack", "ack2", "echo_req", "echo_rsp"];
}
