namespace GossipSim.Simulator.Observation;

/// <summary>An observer's belief about a subject, as the trackers reconstruct it from emissions.</summary>
public enum BeliefState : byte
{
    Unknown = 0,
    Alive = 1,
    Suspect = 2,
    Dead = 3,
    Removed = 4,
}
