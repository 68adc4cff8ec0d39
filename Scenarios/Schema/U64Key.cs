using System.Globalization;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>An unsigned 64-bit number (random seeds use the full range).</summary>
internal sealed class U64Key : ScalarKey
{
    public U64Key(ulong? @default = null) => Default = @default is { } d ? SpecValue.OfULong(d) : null;

    public override string TypeName => "unsigned 64-bit int";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (ulong.TryParse(s.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return SpecValue.OfULong(n);
        }

        var why = s.Text.StartsWith('-') ? "must be >= 0" : "expected an unsigned 64-bit whole number";
        v.Error(s.At, path, $"{why}, got '{s.Text}'");
        return null;
    }
}
