using System.Globalization;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A whole number in [Min, Max].</summary>
internal sealed class IntKey : ScalarKey
{
    public IntKey(long min = long.MinValue, long max = int.MaxValue, long? @default = null)
    {
        Min = min;
        Max = max;
        Default = @default is { } d ? SpecValue.OfInt(d) : null;
    }

    public long Min { get; }

    public long Max { get; }

    public override string TypeName => Min == long.MinValue ? "int" : $"int >= {Min}";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (!long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            v.Error(s.At, path, $"expected a whole number, got '{s.Text}'");
            return null;
        }

        if (n < Min || n > Max)
        {
            v.Error(s.At, path, n < Min ? $"must be >= {Min}, got {n}" : $"must be <= {Max}, got {n}");
            return null;
        }

        return SpecValue.OfInt(n);
    }
}
