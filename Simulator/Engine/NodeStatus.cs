namespace GossipSim.Simulator.Engine;

/// <summary>A node's true state: ground truth, known to the engine and trackers, never to protocols.</summary>
public enum NodeStatus : byte
{
    /// <summary>Not started yet (a future joiner).</summary>
    Absent = 0,
    Up = 1,
    Crashed = 2,
    Paused = 3,
    Left = 4,
    /// <summary>The process stopped itself (<see cref="Protocols.INodeContext.Exit"/>): an Akka member that learned it was downed.</summary>
    Exited = 5,
}
