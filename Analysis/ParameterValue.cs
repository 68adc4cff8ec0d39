using System.Globalization;

namespace GossipSim.Analysis;

/// <summary>
/// Reads a sweep parameter cell as a number so it can go on an axis or into a formula.
/// Durations are written as in the scenario file ("200ms", "1s", "500us", "2m"); they read as
/// seconds. Plain numbers read as themselves.
/// </summary>
public static class ParameterValue
{
    private static readonly (string Suffix, double Seconds)[] Units =
        [("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1.0), ("m", 60.0), ("h", 3600.0)];

    public static bool TryParseNumber(string text, out double value)
    {
        text = text.Trim();
        if (CellFormat.TryParseReal(text, out value)) return true;
        foreach (var (suffix, seconds) in Units)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            if (double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n))
            {
                value = n * seconds;
                return true;
            }
        }
        value = double.NaN;
        return false;
    }

    /// <summary>Whether the column name says it holds a duration, so its axis is labelled in seconds.</summary>
    public static bool IsDuration(string column, IEnumerable<string> values) =>
        column.EndsWith("_s", StringComparison.Ordinal) || column.EndsWith("interval", StringComparison.Ordinal)
        || column.EndsWith("timeout", StringComparison.Ordinal)
        || values.Any(v => v.Length > 0 && char.IsLetter(v[^1]));
}
