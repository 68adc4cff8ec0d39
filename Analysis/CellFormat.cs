using System.Globalization;

namespace GossipSim.Analysis;

/// <summary>
/// How numbers are written into result files. Fixed, culture-free formats, so the same run
/// gives the same bytes on every machine.
/// </summary>
public static class CellFormat
{
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Microseconds as seconds with six decimals: exact, since the clock is whole microseconds. Empty for "never".</summary>
    public static string Seconds(long? microseconds)
    {
        if (microseconds is not long us) return "";
        return (us / 1e6).ToString("0.000000", CultureInfo.InvariantCulture);
    }

    /// <summary>A real with up to six decimals; NaN (no data) is an empty cell.</summary>
    public static string Real(double value) =>
        double.IsNaN(value) ? "" : Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    public static bool TryParseReal(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
