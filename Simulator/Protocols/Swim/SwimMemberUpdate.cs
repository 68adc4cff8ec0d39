namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// One membership fact on the wire: an alive, suspect or dead message about <see cref="Node"/>
/// (memberlist alive/suspect/dead), or one row of a push-pull state dump. <see cref="From"/> is
/// who accuses (suspect, dead); a dead message with From == Node is a graceful leave.
/// <see cref="Tokens"/>: with a ring, an alive (or a push-pull row) carries the node's meta, its
/// token-set id (-1 none); priced at the run's <see cref="Ring.RingSettings.SwimMetaBytes"/>.
/// </summary>
public readonly record struct SwimMemberUpdate(int Node, SwimMemberState State, int Incarnation, int From, int Tokens = -1)
{
    /// <summary>Bytes of ring meta this update carries, given the run's meta size.</summary>
    public int MetaBytes(int metaSizeBytes) => State == SwimMemberState.Alive && Tokens >= 0 ? metaSizeBytes : 0;
}
