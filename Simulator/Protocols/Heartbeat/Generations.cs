namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// One run's generations of every member, in the order its incarnations started: a member's
/// generation is the clock at its start, so each is at least the one before, and its rank here
/// (from 1) orders them as the values do. Tables hold ranks (<see cref="MemberTable"/>), 4 bytes
/// instead of 8; what a node reports keeps the value.
/// </summary>
public sealed class Generations(int nodeCount)
{
    private readonly List<long>?[] _values = new List<long>?[nodeCount];

    /// <summary>The incarnation number of a member's new generation: the last one's again if the value equals it.</summary>
    public int Register(int member, long generation)
    {
        var values = _values[member] ??= [];
        if (values.Count > 0 && generation < values[^1])
            throw new InvalidOperationException($"member {member}'s generation {generation} is below its last, {values[^1]}");
        if (values.Count == 0 || generation != values[^1]) values.Add(generation);
        return values.Count;
    }

    /// <summary>The generation of a member's incarnation number; 0 for 0 (not held).</summary>
    public long ValueOf(int member, int incarnation) => incarnation == 0 ? 0 : _values[member]![incarnation - 1];
}
