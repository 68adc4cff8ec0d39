using System.Globalization;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A finite number in [Min, Max] (probabilities use [0, 1]).</summary>
internal sealed class RealKey : ScalarKey
{
    public RealKey(double min, double max, double? @default = null)
    {
        Min = min;
        Max = max;
        Default = @default is { } d ? SpecValue.OfReal(d) : null;
    }

    public double Min { get; }

    public double Max { get; }

    public override string TypeName => $"number in [{Min.ToString(CultureInfo.InvariantCulture)}, {Max.ToString(CultureInfo.InvariantCulture)}]";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (!double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            v.Error(s.At, path, $"expected a number, got '{s.Text}'");
            return null;
        }

        if (x < Min || x > Max)
        {
            v.Error(s.At, path, $"must be in [{Min.ToString(CultureInfo.InvariantCulture)}, {Max.ToString(CultureInfo.InvariantCulture)}], got {s.Text}");
            return null;
        }

        return SpecValue.OfReal(x);
    }
}
