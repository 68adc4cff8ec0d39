using System.Globalization;

namespace GossipSim.Scenarios.Tables;

/// <summary>
/// An empirical latency distribution read from a CSV file (YAML <c>network.latency: {dist: empirical,
/// file: rtt.csv}</c>). The header names the columns: one latency column with its unit last
/// (<c>latency_us</c>, <c>latency_ms</c> or <c>latency_s</c>) holds samples; with a second column
/// <c>cdf</c> each row is a point (latency, F(latency)) of a cumulative distribution, latencies and F
/// nondecreasing and the last F equal to 1. Blank lines and lines starting with <c>#</c> are skipped.
/// Pure: the engine samples from <see cref="ValuesUs"/> and <see cref="Cdf"/>.
/// </summary>
public sealed class LatencyTable
{
    private static readonly (string Name, double Us)[] Units = [("latency_us", 1), ("latency_ms", 1e3), ("latency_s", 1e6)];

    private LatencyTable(double[] valuesUs, double[]? cdf)
    {
        ValuesUs = valuesUs;
        Cdf = cdf;
    }

    /// <summary>Samples in ascending order, or the latencies of the CDF points; microseconds.</summary>
    public double[] ValuesUs { get; }

    /// <summary>F at each of <see cref="ValuesUs"/>; null when the file lists samples.</summary>
    public double[]? Cdf { get; }

    /// <summary>
    /// Reads and checks <paramref name="path"/>. On failure returns null and sets
    /// <paramref name="error"/> to <c>file:line: field: message</c>.
    /// </summary>
    public static LatencyTable? TryRead(string path, out string? error)
    {
        var bytes = InputFile.TryRead(path, InputFile.MaxTableBytes, out string? why);
        if (bytes is null)
        {
            error = $"{path}: cannot read latency file: {why}";
            return null;
        }

        // Lines as File.ReadAllLines reads them (encoding detected, \n or \r\n), from the bytes already read.
        var lines = new List<string>();
        using (var reader = new StreamReader(new MemoryStream(bytes)))
            while (reader.ReadLine() is { } line) lines.Add(line);
        return TryParse(lines, path, out error);
    }

    /// <summary>
    /// Text of the file as an error shows it: control characters as '?' and at most 40 characters,
    /// so that a binary file given as a table does not write its bytes to the terminal.
    /// </summary>
    private static string Shown(string text)
    {
        var shown = new string(text.Select(c => char.IsControl(c) ? '?' : c).Take(40).ToArray());
        return text.Length > 40 ? shown + "..." : shown;
    }

    public static LatencyTable? TryParse(IReadOnlyList<string> lines, string file, out string? error)
    {
        error = null;
        int row = 0;
        while (row < lines.Count && IsSkipped(lines[row])) row++;
        if (row == lines.Count)
        {
            error = $"{file}:1: empty latency file (or not a regular file): expected a header 'latency_ms' (or latency_us, latency_s), optionally ',cdf'";
            return null;
        }

        string[] header = Split(lines[row]);
        int unitIndex = Array.FindIndex(Units, u => u.Name == header[0]);
        if (unitIndex < 0 || header.Length > 2 || (header.Length == 2 && header[1] != "cdf"))
        {
            error = $"{file}:{row + 1}: header: expected 'latency_us', 'latency_ms' or 'latency_s', optionally followed by ',cdf'; got '{Shown(lines[row].Trim())}'";
            return null;
        }

        string field = header[0];
        double scale = Units[unitIndex].Us;
        bool isCdf = header.Length == 2;
        var values = new List<double>();
        var cdf = new List<double>();
        for (row++; row < lines.Count; row++)
        {
            if (IsSkipped(lines[row])) continue;
            string[] cells = Split(lines[row]);
            string where = $"{file}:{row + 1}";
            if (cells.Length != header.Length)
            {
                error = $"{where}: expected {header.Length} field(s) ({string.Join(",", header)}), got {cells.Length}";
                return null;
            }

            if (!double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x) || x < 0)
            {
                error = $"{where}: {field}: expected a number >= 0, got '{Shown(cells[0])}'";
                return null;
            }

            if (isCdf)
            {
                if (!double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || !(f >= 0 && f <= 1))
                {
                    error = $"{where}: cdf: expected a probability in [0, 1], got '{Shown(cells[1])}'";
                    return null;
                }

                if (values.Count > 0 && (x * scale < values[^1] || f < cdf[^1]))
                {
                    error = $"{where}: {(f < cdf[^1] ? "cdf" : field)}: CDF points must be nondecreasing in both latency and cdf";
                    return null;
                }

                cdf.Add(f);
            }

            values.Add(x * scale);
        }

        if (values.Count == 0)
        {
            error = $"{file}:{lines.Count}: {field}: no data rows after the header";
            return null;
        }

        if (isCdf && cdf[^1] != 1)
        {
            error = $"{file}:{LastDataLine(lines)}: cdf: the last point must have cdf 1, got {cdf[^1].ToString(CultureInfo.InvariantCulture)}";
            return null;
        }

        double[] sorted = values.ToArray();
        if (!isCdf) Array.Sort(sorted);
        return new LatencyTable(sorted, isCdf ? cdf.ToArray() : null);
    }

    private static int LastDataLine(IReadOnlyList<string> lines)
    {
        int last = lines.Count;
        while (last > 1 && IsSkipped(lines[last - 1])) last--;
        return last;
    }

    private static bool IsSkipped(string line) => line.Trim() is "" || line.TrimStart().StartsWith('#');

    private static string[] Split(string line) => line.Split(',', StringSplitOptions.TrimEntries);
}
