using System.Globalization;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A duration such as "200ms", stored as microseconds; Positive rejects 0.</summary>
internal sealed class DurationKey : ScalarKey
{
    public DurationKey(bool positive, string? @default = null)
    {
        Positive = positive;
        if (@default is not null)
        {
            DurationText.TryParse(@default, out var us);
            Default = SpecValue.OfDuration(us);
        }
    }

    public bool Positive { get; }

    public override string TypeName => Positive ? "duration > 0" : "duration >= 0";

    public override SpecValue? Parse(RawScalar s, string path, Validation v) => ParseDuration(s, path, v, Positive);

    /// <summary>Shared by sweeps and list items so every duration error reads the same.</summary>
    public static SpecValue? ParseDuration(RawScalar s, string path, Validation v, bool positive)
    {
        var t = s.Text.Trim();
        if (DurationText.TryParse(t, out var us))
        {
            if (positive && us == 0)
            {
                v.Error(s.At, path, "must be > 0");
                return null;
            }

            return SpecValue.OfDuration(us);
        }

        string why;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            why = bare < 0
                ? $"durations cannot be negative, got '{t}'"
                : $"'{t}' has no unit; write {t}ms or {t}s (units: us, ms, s, m, h)";
        }
        else if (t.StartsWith('-'))
        {
            why = $"durations cannot be negative, got '{t}'";
        }
        else
        {
            why = $"expected a duration like 200ms or 1.5s (whole microseconds), got '{t}'";
        }

        v.Error(s.At, path, why);
        return null;
    }
}
