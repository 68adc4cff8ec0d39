namespace GossipSim.Simulator.Observation;

/// <summary>What a node reports about its own view; the trackers turn these into metrics.</summary>
public enum ObservationKind
{
    /// <summary>The node now holds version <c>value</c> of <c>subject</c>'s item (and every earlier one).</summary>
    LearnedVersion = 1,
    /// <summary>The node now suspects <c>subject</c>.</summary>
    Suspected = 2,
    /// <summary>The node now considers <c>subject</c> dead.</summary>
    MarkedDead = 3,
    /// <summary>The node now considers <c>subject</c> alive (joined, refuted, recovered).</summary>
    MarkedAlive = 4,
    /// <summary>The node has removed <c>subject</c> from its membership (left or cleaned up).</summary>
    Removed = 5,
    /// <summary>The node now holds token set <c>value</c> (a <see cref="Ring.TokenSet"/> id) as <c>subject</c>'s ring ownership; -1 = none (left).</summary>
    RingTokens = 6,
    /// <summary>The node sent <c>value</c> bytes of ring state (tokens, ring status) to <c>subject</c> inside a protocol message.</summary>
    RingBytesSent = 7,
}
