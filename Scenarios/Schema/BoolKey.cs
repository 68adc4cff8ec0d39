using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>true or false (YAML 1.2 core: not yes/no/on/off, which surprise people).</summary>
internal sealed class BoolKey : ScalarKey
{
    public BoolKey(bool? @default = null) => Default = @default is { } d ? SpecValue.OfBool(d) : null;

    public override string TypeName => "bool";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        switch (s.Text)
        {
            case "true" or "True" or "TRUE":
                return SpecValue.OfBool(true);
            case "false" or "False" or "FALSE":
                return SpecValue.OfBool(false);
            default:
                v.Error(s.At, path, $"expected true or false, got '{s.Text}'");
                return null;
        }
    }
}
