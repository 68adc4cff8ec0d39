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
        return statistics.N > 0 && PoissonRate.Pooled(metric, Runs, ResultColumns.Number) is { } rate ? statistics.WithPooledRate(rate) : statistics;
    }

    /// <summary>
    /// A convergence time of updates (runs.csv's t50_s_mean, t90_s_mean, t99_s_mean or
    /// t100_s_mean) over the updates that reached every observer only, so that the four describe
    /// the same updates and t50 &lt;= t90 &lt;= t99 &lt;= t100 holds for every run and for the
    /// means. runs.csv averages each time over the updates that reached its level, so an update
    /// that reached 99% late but never 100% counts in t99_s_mean and not in t100_s_mean, and
    /// the means can come out in the wrong order. Per run: the mean over its converged updates
    /// in events.csv; then the statistics over the runs with one. Without update rows in
    /// events.csv, the runs.csv column over the runs whose every update converged.
    /// </summary>
    public SampleStatistics ConvergedUpdates(string runsColumn)
    {
        string eventsColumn = runsColumn.EndsWith("_mean", StringComparison.Ordinal) ? runsColumn[..^"_mean".Length] : runsColumn;
        var updates = Events.Where(e => e.Get("kind") == UpdateKind).ToList();
        if (updates.Count == 0)
            return SampleStatistics.Of(Runs.Where(r => ResultColumns.Number(r, "updates_converged") is var c && (double.IsNaN(c) || c == ResultColumns.Number(r, "updates")))
                .Select(r => ResultColumns.Number(r, runsColumn)));
        var converged = updates.Where(e => e.Get("converged") == "true").ToLookup(e => e.Get(ResultColumns.RunId) ?? "");
        return SampleStatistics.Of(Runs.Select(r => converged[r.Get(ResultColumns.RunId) ?? ""].Select(e => ResultColumns.Number(e, eventsColumn)).DefaultIfEmpty(double.NaN).Average()));
    }

    /// <summary>
    /// The share of this point's updates that reached every observer, pooled over the runs:
    /// updates_converged over the updates that were not censored (updates - updates_censored),
    /// since an update written too close to its run's end to call failed says nothing either
    /// way. NaN without such updates.
    /// </summary>
    public double ReachedAllShare
    {
        get
        {
            double judged = Sum("updates") - CensoredUpdates;
            return judged > 0 ? Sum("updates_converged") / judged : double.NaN;
        }
    }

    /// <summary>Updates over the runs; with <see cref="CensoredUpdates"/>, what the report says was left out of the share that reached all.</summary>
    public int Updates => (int)Sum("updates");

    /// <summary>Updates written too close to their run's end to call failed (runs.csv's updates_censored, 0 in files without it).</summary>
    public int CensoredUpdates => (int)Sum("updates_censored");

    private double Sum(string column) => Runs.Sum(r => ResultColumns.Number(r, column) is var v && !double.IsNaN(v) ? v : 0);

    /// <summary>
    /// The curves.csv rows of the events that were not censored: a censored event's curve stops
    /// where its run did, so beside the others it would read as an event that stalled. curves.csv
    /// names an event by its index among its run's events.csv rows.
    /// </summary>
    public IEnumerable<ResultRow> CurvesOfJudgedEvents()
    {
        var censored = new HashSet<(string Run, string Event)>();
        var nextIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in Events)
        {
            string run = e.Get(ResultColumns.RunId) ?? "";
            int index = nextIndex.GetValueOrDefault(run);
            nextIndex[run] = index + 1;
            if (ResultColumns.IsCensored(e)) censored.Add((run, CellFormat.Integer(index)));
        }
        return censored.Count == 0 ? Curves : Curves.Where(c => !censored.Contains((c.Get(ResultColumns.RunId) ?? "", c.Get("event") ?? "")));
    }

    /// <summary>The events.csv kind of a written update, the events runs.csv's convergence times average over.</summary>
    public const string UpdateKind = "update";

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
