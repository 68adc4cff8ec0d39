namespace GossipSim.Analysis;

/// <summary>
/// One sweep point of one scenario with everything measured at it: its finished runs (one per
/// seed), how many runs failed, and the cluster events and time-series rows of its runs.
/// Points keep the order in which runs.csv first lists them, so everything derived from them
/// is in a fixed order.
/// </summary>
public sealed record RunPoint(
    string Scenario,
    string Point,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<ResultRow> Runs,
    int FailedRuns,
    IReadOnlyList<ResultRow> Events,
    IReadOnlyList<ResultRow> Timeseries)
{
    /// <summary>The curves.csv rows of this point's runs (empty when the directory has none).</summary>
    public IReadOnlyList<ResultRow> Curves { get; init; } = [];

    /// <summary>"fanout=3, interval=200ms" (the last segment of each param path), or the point number when nothing was swept.</summary>
    public string Label => Parameters.Count == 0
        ? $"point {Point}"
        : string.Join(", ", Parameters.Select(p => $"{ShortName(p.Key)}={p.Value}"));

    public string? Parameter(string column)
    {
        foreach (var p in Parameters) if (p.Key == column) return p.Value;
        return null;
    }

    /// <summary>Values of one metric over the finished runs (NaN cells dropped).</summary>
    public double[] Values(string metric) =>
        Runs.Select(r => ResultColumns.Number(r, metric)).Where(v => !double.IsNaN(v)).ToArray();

    /// <summary>Statistics of a metric over the runs; a rate of rare events pools its counts and exposure (<see cref="PoissonRate"/>).</summary>
    public SampleStatistics Statistics(string metric)
    {
        var statistics = SampleStatistics.Of(Values(metric));
        return statistics.N > 0 && PoissonRate.Pooled(metric, Runs) is { } rate ? statistics.WithPooledRate(rate) : statistics;
    }

    /// <summary>"param.protocol.fanout" -> "fanout".</summary>
    public static string ShortName(string parameterColumn)
    {
        int dot = parameterColumn.LastIndexOf('.');
        return dot < 0 ? parameterColumn : parameterColumn[(dot + 1)..];
    }

    /// <summary>Groups rows by (scenario, point). Events and time-series rows join their point through their own scenario and point cells.</summary>
    public static List<RunPoint> Group(IReadOnlyList<ResultRow> runs, IReadOnlyList<ResultRow> events, IReadOnlyList<ResultRow>? timeseries = null,
        IReadOnlyList<ResultRow>? curves = null)
    {
        var parameterColumns = ResultColumns.Parameters(runs);
        var order = new List<(string Scenario, string Point)>();
        var runsByKey = new Dictionary<(string, string), List<ResultRow>>();
        foreach (var run in runs)
        {
            var key = Key(run);
            if (!runsByKey.TryGetValue(key, out var list))
            {
                runsByKey[key] = list = [];
                order.Add(key);
            }
            list.Add(run);
        }
        var eventsByKey = ByKey(events);
        var seriesByKey = ByKey(timeseries ?? []);
        var curvesByKey = ByKey(curves ?? []);
        var points = new List<RunPoint>(order.Count);
        foreach (var key in order)
        {
            var all = runsByKey[key];
            var parameters = parameterColumns
                .Select(c => new KeyValuePair<string, string>(c, all[0].Get(c) ?? ""))
                .Where(p => p.Value.Length > 0)
                .ToList();
            var ok = all.Where(ResultColumns.IsOk).ToList();
            points.Add(new RunPoint(key.Scenario, key.Point, parameters, ok, all.Count - ok.Count,
                eventsByKey.GetValueOrDefault(key) ?? [], seriesByKey.GetValueOrDefault(key) ?? [])
            { Curves = curvesByKey.GetValueOrDefault(key) ?? [] });
        }
        return points;
    }

    private static (string Scenario, string Point) Key(ResultRow row) =>
        (row.Get(ResultColumns.Scenario) ?? "", row.Get(ResultColumns.Point) ?? "");

    private static Dictionary<(string, string), List<ResultRow>> ByKey(IReadOnlyList<ResultRow> rows)
    {
        var byKey = new Dictionary<(string, string), List<ResultRow>>();
        foreach (var row in rows)
        {
            var key = Key(row);
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(row);
        }
        return byKey;
    }
}
