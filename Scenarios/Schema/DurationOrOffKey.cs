using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// A duration > 0, or <c>off</c> (kept as that text): a setting whose absence is a value of its
/// own, as Akka's settings that read "a duration, or off" (ClusterSettings
/// retry-unsuccessful-join-after, allow-weakly-up-members), where 0 is not allowed.
/// </summary>
internal sealed class DurationOrOffKey : ScalarKey
{
    public const string Off = "off";

    public DurationOrOffKey(string @default)
    {
        if (@default == Off) Default = SpecValue.OfText(Off);
        else
        {
            DurationText.TryParse(@default, out var us);
            Default = SpecValue.OfDuration(us);
        }
    }

    public override string TypeName => "duration > 0 | off";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        var t = s.Text.Trim();
        if (t == Off) return SpecValue.OfText(Off);
        bool isDuration = DurationText.TryParse(t, out var us);
        if ((isDuration && us == 0) || (!isDuration && !t.Any(char.IsAsciiDigit)))
        {
            v.Error(s.At, path, isDuration ? "must be > 0, or off" : $"expected a duration like 7s, or off, got '{t}'");
            return null;
        }
        // A number without its unit, or a negative one: the duration's own message says which.
        return DurationKey.ParseDuration(s, path, v, positive: true);
    }
}
