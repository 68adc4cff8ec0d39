using GossipSim.Analysis;
using GossipSim.Scenarios.Expectations;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Evaluates scenarios' <c>expect:</c> bounds against a result set: for every sweep point of
/// a scenario, the statistic across its seeds of the named runs.csv metric. A point with a
/// failed run, or with a run that has no value for the metric, fails: a bound that cannot be
/// checked must not pass (<see cref="MissingValues"/>).
/// </summary>
public static class ExpectationCheck
{
    public static List<CheckVerdict> Evaluate(ResultSet results, IReadOnlyDictionary<string, IReadOnlyList<string>> expectationsByScenario)
    {
        var verdicts = new List<CheckVerdict>();
        foreach (var point in results.Points)
        {
            if (!expectationsByScenario.TryGetValue(point.Scenario, out var texts)) continue;
            foreach (string text in texts)
            {
                var expectation = ExpectationParser.Parse(text, out _, out _)
                    ?? throw new InvalidOperationException($"expectation '{text}' passed validation but does not parse");
                verdicts.Add(Evaluate(point, expectation));
            }
        }
        return verdicts;
    }

    /// <summary>
    /// Bounds (<c>expect:</c>) and baseline metrics (<c>baseline:</c>) of these points that name a
    /// metric their runs will not have, at the line and column of the bound or the baseline entry,
    /// found before anything runs (see <see cref="Columns"/>), so a typo fails at once instead of
    /// after the whole check. Each is said once, in file order: every point of a sweep has the same
    /// bound at the same place, so the message names the scenario, and names swept values only when
    /// the metric is missing from the points with those values but not from the others.
    /// </summary>
    /// <remarks>
    /// Which columns a run writes follows from what its scenario holds (protocol, faults, ring,
    /// workload), not from numbers, so the points of a scenario that differ only in swept numbers
    /// are probed once, through the one with the fewest nodes. A probe builds the cluster, so one
    /// estimated past <see cref="MaxProbeBytes"/> is not built: its names are checked when it runs,
    /// where a bound or baseline metric without values fails.
    /// </remarks>
    public static IReadOnlyList<Scenarios.SpecError> UnknownMetrics(IEnumerable<Scenarios.ScenarioSpec> points)
    {
        var missing = new List<(Scenarios.ScenarioSpec Point, string Path, string Metric, List<string> Columns)>();
        // Per (scenario, bound, metric): the probed groups whose points name it, and those among them without the column.
        var probed = new Dictionary<(string, string, string), (int Naming, int Lacking)>();
        var named = points.Where(p => p.Expectations.Count > 0 || BaselineMetrics(p).Count > 0);
        foreach (var group in named.GroupBy(ColumnsKey))
        {
            var probe = group.MinBy(p => p.Nodes)!;
            if (RunCost.Estimate(probe).MemoryBytes > MaxProbeBytes) continue;
            var columns = Columns(probe);
            foreach (var (path, metric) in group.SelectMany(NamedMetrics).Distinct())
            {
                var (naming, lacking) = probed.GetValueOrDefault((probe.Name, path, metric));
                probed[(probe.Name, path, metric)] = (naming + 1, lacking + (columns.Contains(metric) ? 0 : 1));
            }
            foreach (var point in group)
                missing.AddRange(NamedMetrics(point).Where(n => !columns.Contains(n.Metric)).Select(n => (point, n.Path, n.Metric, columns)));
        }
        var problems = missing.Select(m =>
        {
            var (naming, lacking) = probed[(m.Point.Name, m.Path, m.Metric)];
            return m.Point.ErrorAt(m.Path, NoMetric(m.Point, m.Metric, m.Columns, everywhere: naming == lacking));
        });
        return Scenarios.SpecError.InFileOrder(problems.Distinct());
    }

    /// <summary>
    /// Bounds on <c>ci_high</c> of points that will run one seed (their <c>seeds:</c>, or
    /// <paramref name="seeds"/> given to check): a t interval needs two runs, so such a bound could
    /// only fail, after every run of the check. Said before anything runs, at the bound. A rate of
    /// rare events has its Poisson interval from one run, so its bounds are let through.
    /// </summary>
    public static IReadOnlyList<Scenarios.SpecError> TooFewSeeds(IEnumerable<Scenarios.ScenarioSpec> points, int? seeds)
    {
        var problems = new List<Scenarios.SpecError>();
        foreach (var point in points.Where(p => (seeds ?? p.Seeds) < 2))
            for (int i = 0; i < point.Expectations.Count; i++)
                if (ExpectationParser.Parse(point.Expectations[i], out _, out _) is { Statistic: ExpectStatistic.CiHigh } e && !PoissonRate.IsPooled(e.Metric))
                    problems.Add(point.ErrorAt($"expect[{i}]", $"{e.StatisticName} is the top of a 95% interval across seeds and needs at least 2; scenario '{point.Name}' runs 1 (set seeds: or give check --seeds)"));
        return Scenarios.SpecError.InFileOrder(problems.Distinct());
    }

    /// <summary>The metrics a point's bounds and baseline name, each with the path of the bound or baseline entry.</summary>
    private static IEnumerable<(string Path, string Metric)> NamedMetrics(Scenarios.ScenarioSpec point) =>
        point.Expectations
            .Select((text, i) => (Path: $"expect[{i}]", Metric: ExpectationParser.Parse(text, out _, out _)?.Metric))
            .Where(n => n.Metric is not null)
            .Select(n => (n.Path, n.Metric!))
            .Concat(BaselineMetrics(point).Select(m => ("baseline." + m, m)));

    private static string NoMetric(Scenarios.ScenarioSpec point, string metric, List<string> columns, bool everywhere)
    {
        string which = everywhere ? $"'{point.Name}'" : $"'{point.Name}' with {string.Join(" ", ShapingValues(point))}";
        return $"the runs of scenario {which} have no metric '{metric}'{Scenarios.Model.Suggest.Hint(metric, columns)}";
    }

    /// <summary>The largest estimated memory of a point built only to learn its columns.</summary>
    private const double MaxProbeBytes = 512e6;

    /// <summary>The metrics a point's <c>baseline:</c> names (none when it names none).</summary>
    public static IReadOnlyList<string> BaselineMetrics(Scenarios.ScenarioSpec point) => point.Has("baseline") ? point.Keys("baseline") : [];

    /// <summary>A scenario and its swept values other than numbers: points alike in it write the same columns.</summary>
    private static string ColumnsKey(Scenarios.ScenarioSpec point) => point.Name + "\n" + string.Join("\n", ShapingValues(point));

    /// <summary>
    /// The point's swept values other than numbers (1s, 0.01, 5%), as PATH=VALUE: a protocol kind
    /// or a fault list can change which columns a run writes, a number cannot.
    /// </summary>
    private static IEnumerable<string> ShapingValues(Scenarios.ScenarioSpec point) => point.Parameters
        .Where(p => !(p.Value.Length > 0 && (char.IsAsciiDigit(p.Value[0]) || p.Value[0] is '-' or '.')))
        .Select(p => p.Key + "=" + p.Value);

    /// <summary>
    /// The runs.csv columns a point's runs will have, without running it: the point is built and its
    /// loop run for no time at all, which gives the columns its protocol, faults, ring and workload
    /// produce (every column is written in every run, empty or 0 when nothing happened).
    /// </summary>
    public static List<string> Columns(Scenarios.ScenarioSpec point) =>
        RunExecutor.Execute(ScenarioCompiler.Compile(point, point.Seed), timing: false, stopAtUs: 0).Row.Cells.Select(c => c.Key).ToList();

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Runs without a value for a metric, as a bound or a comparison that fails for them says it.
    /// A cell is empty when what it measures did not happen before the run ended (no update
    /// reached every node, a crash was never detected by all): such a run meets no bound, and a
    /// statistic over only the runs with a value describes the lucky ones, so one run without a
    /// value fails a bound, and a baseline comparison of the metric.
    /// </summary>
    /// <param name="metric">The runs.csv column.</param>
    /// <param name="missing">How many runs have no value for it.</param>
    /// <param name="runs">How many runs there are.</param>
    /// <param name="whose">Whose runs, when there are two sets (" of the baseline"); empty otherwise.</param>
    public static string MissingValues(string metric, int missing, int runs, string whose = "") =>
        $"{missing} of {runs} runs{whose} have no {metric} (the event did not complete before the run ended)";

    private static CheckVerdict Evaluate(RunPoint point, Expectation e)
    {
        string label = point.Label;
        CheckVerdict Broken(string why, ResultRow? run = null) => new(point.Scenario, label, e.Text, e.BoundText, double.NaN, "", false,
            run?.Get(ResultColumns.Seed) ?? "", run?.Get(ResultColumns.RunId) ?? "", why);
        if (point.FailedRuns > 0) return Broken($"{point.FailedRuns} run(s) failed; see the error column of runs.csv");
        var runs = point.Runs.Select(r => (Row: r, Value: ResultColumns.Number(r, e.Metric))).ToList();
        var without = runs.Where(r => double.IsNaN(r.Value)).ToList();
        // The first run without a value is named, so its replay shows what did not happen.
        if (without.Count > 0)
            return Broken(MissingValues(e.Metric, without.Count, runs.Count) + ": a run without a value cannot meet the bound", without[0].Row);
        // The report's statistics: for a rate of rare events, the pooled rate and its exact Poisson interval.
        var stats = point.Statistics(e.Metric);
        double observed = e.Statistic switch
        {
            ExpectStatistic.Mean => stats.Mean,
            ExpectStatistic.P95 => stats.P95,
            ExpectStatistic.Max => runs.Max(r => r.Value),
            ExpectStatistic.Min => runs.Min(r => r.Value),
            _ => stats.Ci95High,
        };
        if (double.IsNaN(observed)) return Broken($"{e.StatisticName} needs at least 2 seeds; this point has {runs.Count}");
        var worst = e.IsUpperBound ? runs.MaxBy(r => r.Value) : runs.MinBy(r => r.Value);
        double margin = e.Margin(observed);
        bool passed = e.Holds(observed);
        string detail = passed
            ? $"holds with {Percent(margin)} to spare"
            : $"bound broken: {e.Metric}.{e.StatisticName} = {observed:G4}, bound {e.BoundText} ({Percent(-margin)} over); worst run seed {worst.Row.Get(ResultColumns.Seed)}";
        return new CheckVerdict(point.Scenario, label, e.Text, e.BoundText, observed, Percent(margin), passed,
            worst.Row.Get(ResultColumns.Seed) ?? "", worst.Row.Get(ResultColumns.RunId) ?? "", detail);
    }
}
