namespace GossipSim.Scenarios.Schema;

internal enum ValueKind
{
    Int,
    ULong,
    Real,
    Bool,
    Text,
    Duration,
    List,
    Map,
}
