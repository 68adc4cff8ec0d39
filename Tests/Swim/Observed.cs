using GossipSim.Simulator.Observation;

namespace GossipSim.Tests.Swim;

/// <summary>One emission of a node: what it now believes about a subject, and when.</summary>
internal readonly record struct Observed(int Observer, long TimeUs, ObservationKind Kind, int Subject, long Value);
