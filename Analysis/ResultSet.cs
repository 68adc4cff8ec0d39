using System.Text.Json;

namespace GossipSim.Analysis;

/// <summary>
/// The simulator's files in one output directory, read back: runs.csv (required), events.csv,
/// timeseries.csv and curves.csv (any may be absent), and the few manifest.json fields a report shows.
/// </summary>
public sealed class ResultSet
{
    public const string RunsFile = "runs.csv";
    public const string EventsFile = "events.csv";
    public const string TimeseriesFile = "timeseries.csv";
    public const string CurvesFile = "curves.csv";
    public const string ManifestFile = "manifest.json";

    private ResultSet(string directory, List<ResultRow> runs, List<ResultRow> events, List<ResultRow> timeseries,
        List<ResultRow> curves, IReadOnlyList<KeyValuePair<string, string>> manifest)
    {
        Directory = directory;
        Runs = runs;
        Events = events;
        Timeseries = timeseries;
        Manifest = manifest;
        Curves = curves;
        Points = RunPoint.Group(runs, events, timeseries, curves);
    }

    public string Directory { get; }
    public IReadOnlyList<ResultRow> Runs { get; }
    public IReadOnlyList<ResultRow> Events { get; }
    public IReadOnlyList<ResultRow> Timeseries { get; }
    public IReadOnlyList<ResultRow> Curves { get; }

    /// <summary>tool_version, scenario_file, scenario_sha256, command_line and the number of runs, when manifest.json has them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Manifest { get; }

    public IReadOnlyList<RunPoint> Points { get; }

    public IEnumerable<string> Scenarios => Points.Select(p => p.Scenario).Distinct();

    public static ResultSet Load(string directory)
    {
        string runsPath = Path.Combine(directory, RunsFile);
        if (!File.Exists(runsPath)) throw new FileNotFoundException($"no {RunsFile} in {directory}", runsPath);
        return new ResultSet(directory, CsvTable.Read(runsPath), ReadIfPresent(Path.Combine(directory, EventsFile)),
            ReadIfPresent(Path.Combine(directory, TimeseriesFile)), ReadIfPresent(Path.Combine(directory, CurvesFile)), ReadManifest(Path.Combine(directory, ManifestFile)));
    }

    private static List<ResultRow> ReadIfPresent(string path) => File.Exists(path) ? CsvTable.Read(path) : [];

    private static List<KeyValuePair<string, string>> ReadManifest(string path)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (!File.Exists(path)) return fields;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return fields;
        foreach (string name in new[] { "tool_version", "scenario_file", "scenario_sha256" })
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                fields.Add(new(name, value.GetString() ?? ""));
        if (root.TryGetProperty("command_line", out var commandLine) && commandLine.ValueKind == JsonValueKind.Array)
            fields.Add(new("command_line", string.Join(' ', commandLine.EnumerateArray().Select(a => a.ToString()))));
        if (root.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array)
            fields.Add(new("runs", CellFormat.Integer(runs.GetArrayLength())));
        return fields;
    }
}
