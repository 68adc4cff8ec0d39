using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// Runs the search's jobs in the simulator. A point is the scenario loaded with its parameter
/// values as <c>--set</c> overrides (after the user's own), so the loader validates it like any
/// other scenario. Each point's runs carry its evaluation order as their sweep point and its
/// values as <c>param.*</c> columns, so points never mix in the result set. Runs go through
/// <see cref="SweepRunner"/> into a <see cref="ResultStore"/>: the directory is an ordinary
/// result set, and with resume a run already committed there is read back instead of rerun.
/// </summary>
public sealed class SimulationEvaluator(string file, string scenario, IReadOnlyList<string> overrides, TuneSpace space, ulong firstSeed,
    ResultStore store, int parallel, bool resume, CancellationToken cancel) : ITuneEvaluator
{
    private readonly Dictionary<int, ScenarioSpec> _specs = [];

    private readonly SortedSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>The metrics at least one finished run reported, so a misspelt objective or bound can be caught after the first round.</summary>
    public IReadOnlyCollection<string> Reported => _reported;

    /// <summary>Every run asked for so far, in the order asked: the order of the assembled result files.</summary>
    public List<RunSetup> Setups { get; } = [];

    /// <summary>The validated scenario of a point (loaded once).</summary>
    public ScenarioSpec Spec(TunePoint point)
    {
        if (_specs.TryGetValue(point.Id, out var spec)) return spec;
        var (_, loaded) = Load(file, scenario, overrides, space.Values(point.Levels), out string? problem);
        if (loaded is null) throw new InvalidOperationException(problem);
        return _specs[point.Id] = loaded;
    }

    /// <summary>
    /// The scenario with these parameter values as its one point; null with the reason when the
    /// file has no such scenario or the scenario sweeps (the search owns the sweep). A value the
    /// schema refuses throws the loader's <see cref="ScenarioException"/>.
    /// </summary>
    public static (ScenarioSet Set, ScenarioSpec? Spec) Load(string file, string scenario, IReadOnlyList<string> overrides,
        IReadOnlyList<KeyValuePair<string, string>> values, out string? problem)
    {
        var sets = overrides.Concat(values.Select(v => $"{v.Key}={v.Value}")).ToList();
        var set = ScenarioLoader.Load(file, sets, new ScenarioSelection([scenario], []));
        var points = set.Points.Where(p => p.Name == scenario).ToList();
        problem = points.Count switch
        {
            1 => null,
            0 => $"{file}: no scenario named '{scenario}'{Scenarios.Model.Suggest.Hint(scenario, set.ScenarioNames)}; scenarios: {string.Join(", ", set.ScenarioNames)}",
            _ => $"{file}: scenario '{scenario}' sweeps {points.Count} points; tune does its own search, so take the sweep out of the scenario",
        };
        return (set, problem is null ? points[0] : null);
    }

    public IReadOnlyList<IReadOnlyDictionary<string, double>?> Run(IReadOnlyList<TuneJob> jobs)
    {
        var setups = jobs.Select(Setup).ToList();
        Setups.AddRange(setups);
        new SweepRunner(store, timing: false).Run(setups, parallel, resume, null, cancel);
        cancel.ThrowIfCancellationRequested();
        var metrics = setups.Select(s => Metrics(store.Load(s.RunId).Runs[0])).ToList();
        foreach (var m in metrics.OfType<IReadOnlyDictionary<string, double>>()) _reported.UnionWith(m.Keys);
        return metrics;
    }

    private RunSetup Setup(TuneJob job)
    {
        var spec = Spec(job.Point);
        var setup = ScenarioCompiler.Compile(spec, firstSeed + (ulong)job.SeedIndex);
        return setup with { PointIndex = job.Point.Id, Parameters = space.Values(job.Point.Levels), EstimatedEvents = RunCost.Estimate(spec).Events };
    }

    /// <summary>Every numeric cell of a finished run's row; null for a failed run.</summary>
    private static IReadOnlyDictionary<string, double>? Metrics(ResultRow row)
    {
        if (!ResultColumns.IsOk(row)) return null;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var cell in row.Cells)
            if (!ResultColumns.IsIdentity(cell.Key) && CellFormat.TryParseReal(cell.Value, out double v)) metrics[cell.Key] = v;
        return metrics;
    }
}
