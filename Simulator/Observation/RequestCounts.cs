namespace GossipSim.Simulator.Observation;

/// <summary>Requests evaluated, by outcome, over some span (a whole run, or one sampling period).</summary>
public readonly record struct RequestCounts(long Ok, long SentToDead, long NeedlessHint, long WrongOwner)
{
    public long Total => Ok + SentToDead + NeedlessHint + WrongOwner;

    public RequestCounts Minus(RequestCounts earlier) =>
        new(Ok - earlier.Ok, SentToDead - earlier.SentToDead, NeedlessHint - earlier.NeedlessHint, WrongOwner - earlier.WrongOwner);
}
