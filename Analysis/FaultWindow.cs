using System.Globalization;

namespace GossipSim.Analysis;

/// <summary>
/// One fault of a scenario as the report draws it: its kind, when it starts and, for a lasting
/// fault (a partition with <c>for</c> or <c>until</c>), when it ends; null for a fault that does
/// not end (a crash for good, a leave). Written to scenario_settings.csv as <c>kind@start</c> or
/// <c>kind@start-end</c> in seconds, several joined by ';'.
/// </summary>
public sealed record FaultWindow(string Kind, double StartS, double? EndS)
{
    public override string ToString() =>
        $"{Kind}@{Seconds(StartS)}" + (EndS is double end ? $"-{Seconds(end)}" : "");

    public static string Format(IEnumerable<FaultWindow> faults) => string.Join(";", faults);

    /// <summary>Parses what <see cref="Format"/> wrote; an entry that does not parse is left out, so a hand-edited file cannot stop a report.</summary>
    public static IReadOnlyList<FaultWindow> Parse(string text)
    {
        var faults = new List<FaultWindow>();
        foreach (string entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = entry.IndexOf('@');
            if (at <= 0) continue;
            var times = entry[(at + 1)..].Split('-');
            if (!ParameterValue.TryParseNumber(times[0], out double start)) continue;
            double? end = times.Length > 1 && ParameterValue.TryParseNumber(times[1], out double e) ? e : null;
            faults.Add(new FaultWindow(entry[..at], start, end));
        }
        return faults;
    }

    private static string Seconds(double s) => s.ToString("0.######", CultureInfo.InvariantCulture);
}
