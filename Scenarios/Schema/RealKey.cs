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

    /// <summary>Whether the key is a probability ([0, 1]), which may also be written as a percentage (<c>1%</c>, as in <c>expect:</c>).</summary>
    private bool IsProbability => Min == 0 && Max == 1;

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (!TryRead(s.Text, out var x))
        {
            v.Error(s.At, path, $"expected {(IsProbability ? "a number or a percentage" : "a number")}, got '{s.Text}'");
            return null;
        }

        if (x < Min || x > Max)
        {
            v.Error(s.At, path, $"must be in [{Min.ToString(CultureInfo.InvariantCulture)}, {Max.ToString(CultureInfo.InvariantCulture)}], got {s.Text}");
            return null;
        }

        return SpecValue.OfReal(x);
    }

    /// <summary>A finite number, or for a probability a percentage read exactly (1.1% is 0.011, not 0.011000000000000001).</summary>
    private bool TryRead(string text, out double x)
    {
        x = double.NaN;
        if (IsProbability && text.EndsWith('%'))
        {
            string number = text[..^1].TrimEnd();
            var match = DecimalText.Number().Match(number);
            if (!match.Success || match.Length != number.Length) return false;
            x = DecimalText.Scaled(match, -2);
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out x)) return false;
        return double.IsFinite(x);
    }
}
