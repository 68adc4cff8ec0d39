namespace GossipSim.Simulator.Engine;

/// <summary>What a TCP dial meets (<see cref="Protocols.INodeContext.OpenStream"/>), from the links and the receiver's true state.</summary>
internal enum DialOutcome : byte
{
    /// <summary>The connection opens (the receiver is up, or paused: its kernel still accepts).</summary>
    Connects,
    /// <summary>Either direction between the pair is cut: no answer comes.</summary>
    Cut,
    /// <summary>The receiver has crashed: no answer comes.</summary>
    Unanswered,
    /// <summary>The receiver has left or not started: its host refuses at once.</summary>
    Refused,
}
