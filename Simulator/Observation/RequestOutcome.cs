namespace GossipSim.Simulator.Observation;

/// <summary>
/// What a stale view cost one request (ARCHITECTURE.md "Routing"). One outcome per request, the first
/// that applies in this order: <see cref="WrongOwner"/> (the coordinator's replica set for the key
/// differs from the true one: its ring view is out of date for that key), <see cref="SentToDead"/>
/// (a replica it believes alive is down: a timeout, then a late hint), <see cref="NeedlessHint"/>
/// (a replica it believes dead is up: a hint written for nothing), else <see cref="Ok"/>.
/// </summary>
public enum RequestOutcome
{
    Ok = 0,
    SentToDead = 1,
    NeedlessHint = 2,
    WrongOwner = 3,
}
