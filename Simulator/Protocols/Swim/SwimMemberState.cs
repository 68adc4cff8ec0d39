namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// What one node believes about a member (memberlist state.go: StateAlive, StateSuspect,
/// StateDead, StateLeft). <see cref="Unknown"/> means the member is not in the node's list.
/// </summary>
public enum SwimMemberState : byte
{
    Unknown = 0,
    Alive = 1,
    Suspect = 2,
    Dead = 3,
    /// <summary>Dead by its own word: a dead message whose sender is the subject (a graceful leave).</summary>
    Left = 4,
}
