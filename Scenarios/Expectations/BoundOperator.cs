namespace GossipSim.Scenarios.Expectations;

/// <summary>The comparison of an expectation: observed OP bound.</summary>
public enum BoundOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
}
