using GossipSim.Scenarios.Expectations;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>One expectation expression; a malformed one is reported at the line and column of the mistake inside it.</summary>
internal sealed class ExpectationKey : ScalarKey
{
    public override string TypeName => "expectation (METRIC.STAT OP BOUND)";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (ExpectationParser.Parse(s.Text, out string? problem, out int offset) is not null) return SpecValue.OfText(s.Text.Trim());
        // A quoted scalar starts one column before its text; block scalars are rare enough to point at their start.
        var at = s.At with { Column = s.At.Column + offset + (s.Quoted ? 1 : 0) };
        v.Error(at, path, problem!);
        return null;
    }
}
