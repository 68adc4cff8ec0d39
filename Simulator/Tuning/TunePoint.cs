using GossipSim.Analysis;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// One evaluated configuration: its levels, the metrics of each seed run so far (null for a run
/// that failed), and what the last assessment concluded. Its id is its place in the order of
/// evaluation and becomes the <c>point</c> of its runs in runs.csv.
/// </summary>
public sealed class TunePoint(int id, IReadOnlyList<int> levels)
{
    private readonly List<IReadOnlyDictionary<string, double>?> _runs = [];

    public int Id { get; } = id;

    public IReadOnlyList<int> Levels { get; } = levels;

    public int Seeds => _runs.Count;

    public int FailedRuns => _runs.Count(r => r is null);

    public FeasibilityState State { get; internal set; } = FeasibilityState.Undecided;

    public bool OnFront { get; internal set; }

    public bool Recommended { get; internal set; }

    /// <summary>Not shown to be worse than a feasible point yet: worth more seeds or a look at its neighbours.</summary>
    public bool Contender { get; internal set; }

    public double Violation { get; internal set; }

    public IReadOnlyDictionary<string, MetricEstimate> Estimates { get; internal set; } = new Dictionary<string, MetricEstimate>();

    public void Add(IReadOnlyDictionary<string, double>? metrics) => _runs.Add(metrics);

    /// <summary>One value per seed run; NaN where the run failed or did not report the metric.</summary>
    public IReadOnlyList<double> Values(string metric) => _runs.Select(r => Cell(r, metric)).ToList();

    /// <summary>The metric's mean and interval over the runs so far; a rate of rare events pools its runs' counts and exposure.</summary>
    public MetricEstimate Estimate(string metric, double confidence) =>
        MetricEstimate.Of(Values(metric), confidence, PoissonRate.Pooled(metric, _runs, Cell, confidence));

    private static double Cell(IReadOnlyDictionary<string, double>? run, string column) =>
        run is not null && run.TryGetValue(column, out double v) ? v : double.NaN;
}
