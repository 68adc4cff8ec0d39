namespace GossipSim.Analysis;

/// <summary>
/// What the caller (the simulator's CLI) knows that the CSVs do not: per-scenario protocol
/// settings and an optional title. The same settings can sit in the output directory as
/// <c>scenario_settings.csv</c> (columns <c>scenario, kind, mode, fanout, interval_s,
/// probe_interval_s, phi_threshold, loss, faults</c>), so <c>gossipsim plot DIR</c> regenerates the same
/// report from files alone. Settings passed in win over the file, scenario by scenario.
/// </summary>
public sealed record ReportInputs
{
    public const string SettingsFile = "scenario_settings.csv";

    public static readonly IReadOnlyList<string> SettingsColumns =
        ["scenario", "kind", "mode", "fanout", "interval_s", "probe_interval_s", "phi_threshold", "loss", "faults"];

    public string? Title { get; init; }

    /// <summary>How many runs the directory's plan holds, and those runs.csv lacks (an interrupted run): stated at the top of the report, so a partial one never reads as complete.</summary>
    public (int Planned, IReadOnlyList<string> Missing) Plan { get; init; } = (0, []);

    public IReadOnlyDictionary<string, ScenarioSettings> Settings { get; init; } = new Dictionary<string, ScenarioSettings>();

    public ScenarioSettings For(string scenario) => Settings.GetValueOrDefault(scenario) ?? ScenarioSettings.Unknown;

    /// <summary>These inputs with the directory's scenario_settings.csv filling in scenarios they do not name.</summary>
    public ReportInputs WithSettingsFrom(string directory)
    {
        string path = Path.Combine(directory, SettingsFile);
        if (!File.Exists(path)) return this;
        var merged = new Dictionary<string, ScenarioSettings>(Settings, StringComparer.Ordinal);
        foreach (var row in CsvTable.Read(path))
        {
            string scenario = row.Get("scenario") ?? "";
            if (scenario.Length == 0 || merged.ContainsKey(scenario)) continue;
            merged[scenario] = FromRow(row);
        }
        return this with { Settings = merged };
    }

    /// <summary>Writes scenario_settings.csv, so a later report from the files alone has the same baselines.</summary>
    public void WriteSettings(string directory)
    {
        var rows = Settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ResultRow()
            .Add("scenario", s.Key)
            .Add("kind", s.Value.Kind ?? "")
            .Add("mode", s.Value.Mode ?? "")
            .Add("fanout", s.Value.Fanout is int f ? CellFormat.Integer(f) : "")
            .Add("interval_s", s.Value.IntervalS ?? double.NaN)
            .Add("probe_interval_s", s.Value.ProbeIntervalS ?? double.NaN)
            .Add("phi_threshold", s.Value.PhiThreshold ?? double.NaN)
            .Add("loss", s.Value.Loss ?? double.NaN)
            .Add("faults", FaultWindow.Format(s.Value.Faults))).ToList();
        CsvTable.WriteAtomically(Path.Combine(directory, SettingsFile), rows, SettingsColumns);
    }

    private static ScenarioSettings FromRow(ResultRow row) => new()
    {
        Kind = Text(row, "kind"),
        Mode = Text(row, "mode"),
        Fanout = Number(row, "fanout") is double f ? (int)f : null,
        IntervalS = Number(row, "interval_s"),
        ProbeIntervalS = Number(row, "probe_interval_s"),
        PhiThreshold = Number(row, "phi_threshold"),
        Loss = Number(row, "loss"),
        Faults = FaultWindow.Parse(row.Get("faults") ?? ""),
    };

    private static string? Text(ResultRow row, string column) => row.Get(column) is { Length: > 0 } s ? s : null;

    private static double? Number(ResultRow row, string column) =>
        ParameterValue.TryParseNumber(row.Get(column) ?? "", out double v) ? v : null;
}
