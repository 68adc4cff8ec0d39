namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// One membership fact on the wire: an alive, suspect or dead message about <see cref="Node"/>
/// (memberlist alive/suspect/dead), or one row of a push-pull state dump. <see cref="From"/> is
/// who accuses (suspect, dead); a dead message with From == Node is a graceful leave.
/// </summary>
public readonly record struct SwimMemberUpdate(int Node, SwimMemberState State, int Incarnation, int From);
