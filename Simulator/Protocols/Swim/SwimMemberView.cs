using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Protocols.Swim;

/// <summary>
/// One node's record of one member: its state, incarnation, and when it became dead or left.
/// The time is kept only for dead and left members, the only ones whose time is read (reaping after
/// GossipToTheDeadTime, gossip to the recently dead), so that two nodes that agree on state and
/// incarnation hold equal records and can share them (<see cref="SharedViewTable{T}"/>).
/// </summary>
internal readonly record struct SwimMemberView(SwimMemberState State, int Incarnation, long ChangedUs)
{
    public static SwimMemberView Of(SwimMemberState state, int incarnation, long changedUs) =>
        new(state, incarnation, state is SwimMemberState.Dead or SwimMemberState.Left ? changedUs : 0);

    public bool IsMember => State != SwimMemberState.Unknown;

    public bool IsDeadOrLeft => State is SwimMemberState.Dead or SwimMemberState.Left;

    public static ulong Fingerprint(SwimMemberView v) =>
        SplitMix64.Mix(((ulong)v.State << 32 | (uint)v.Incarnation) ^ SplitMix64.Mix((ulong)v.ChangedUs));

    /// <summary>
    /// A suspect never goes into the baseline: merging a suspect row into a node that already
    /// suspects counts a confirmation, so push-pull could not skip rows both sides take from the
    /// baseline if the baseline held one.
    /// </summary>
    public static bool Foldable(SwimMemberView v) => v.State != SwimMemberState.Suspect;
}
