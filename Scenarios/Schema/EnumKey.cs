using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>One word out of a fixed set.</summary>
internal sealed class EnumKey : ScalarKey
{
    public EnumKey(string[] values, string? @default = null)
    {
        Values = values;
        Default = @default is null ? null : SpecValue.OfText(@default);
    }

    public IReadOnlyList<string> Values { get; }

    public override string TypeName => "one of " + string.Join(" | ", Values);

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (Values.Contains(s.Text, StringComparer.Ordinal))
        {
            return SpecValue.OfText(s.Text);
        }

        v.Error(s.At, path, $"'{s.Text}' is not one of {string.Join(", ", Values)}{Suggest.Hint(s.Text, Values)}");
        return null;
    }
}
