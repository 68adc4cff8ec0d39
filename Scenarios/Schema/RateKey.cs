using System.Globalization;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A rate per second, written <c>1000/s</c> (or a bare number of events per second), > 0.</summary>
internal sealed class RateKey : ScalarKey
{
    public RateKey(double? @default = null) => Default = @default is { } d ? SpecValue.OfReal(d) : null;

    public override string TypeName => "rate per second (e.g. 1000/s)";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        var text = s.Text.EndsWith("/s", StringComparison.Ordinal) ? s.Text[..^2] : s.Text;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            v.Error(s.At, path, $"expected a rate such as 1000/s, got '{s.Text}'");
            return null;
        }

        if (x <= 0)
        {
            v.Error(s.At, path, $"rate must be > 0, got {s.Text}");
            return null;
        }

        return SpecValue.OfReal(x);
    }
}
