using System.Text.RegularExpressions;

namespace GossipSim.Scenarios.Expectations;

/// <summary>
/// The kind of a runs.csv metric, read from its name, where the simulator writes what the metric
/// is: a per-second rate has <c>per_s</c> or <c>per_node_s</c> in it (a byte rate when it counts
/// <c>bytes</c>), a time has its unit as a part of its own (<c>t100_s_mean</c>, <c>detect_all_s</c>,
/// <c>uplink_wait_max_ms</c>), a share is a <c>fraction</c>, a <c>rate</c> (of requests) or an
/// <c>accuracy</c>. The rate test comes first, since <c>bytes_per_node_s_mean</c> also has an
/// <c>s</c> part. Every unit check of a bound asks here, so a name is classified one way only.
/// </summary>
public static partial class MetricKinds
{
    [GeneratedRegex(@"(^|_)per(_node)?_s(_|$)")]
    private static partial Regex PerSecond();

    public static MetricKind Of(string metric)
    {
        var parts = metric.Split('_');
        if (PerSecond().IsMatch(metric)) return parts.Contains("bytes") ? MetricKind.ByteRate : MetricKind.Number;
        if (parts.Contains("per")) return MetricKind.Number;
        if (parts.Contains("s") || parts.Contains("ms")) return MetricKind.Time;
        if (parts.Contains("fraction") || parts.Contains("rate") || parts.Contains("accuracy")) return MetricKind.Fraction;
        return MetricKind.Number;
    }

    /// <summary>
    /// The power of ten of the metric's own unit in its kind's base unit (seconds, bytes per
    /// second, a fraction): -3 for a time in milliseconds, 0 for everything else.
    /// </summary>
    public static int Exponent(string metric) => Of(metric) == MetricKind.Time && metric.Split('_').Contains("ms") ? -3 : 0;
}
