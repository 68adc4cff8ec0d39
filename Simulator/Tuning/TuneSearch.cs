namespace GossipSim.Simulator.Tuning;

/// <summary>
/// The adaptive search. It starts from a space-filling design with a few seeds per point, then
/// works in rounds. Each round assesses every point (confidence intervals, feasibility, the
/// Pareto front of the feasible means) and marks the contenders: points not yet infeasible that
/// no feasible point beats even when the contender is read optimistically (the favourable end
/// of its intervals) and the feasible point pessimistically. Contenders whose place is still in
/// doubt get one more seed (racing); unevaluated neighbours of the contenders (the front and the
/// constraint boundary) join as new points. It stops at the budget, when nothing is left to
/// race or refine, or when the recommendation has not changed for a few rounds with nothing
/// left to race. Everything it does follows from the settings and the runs' results, so the
/// same command gives the same search.
/// </summary>
public sealed class TuneSearch(TuneSpace space, TuneGoal goal, TuneSettings settings, ITuneEvaluator evaluator)
{
    private readonly List<TunePoint> _points = [];
    private readonly Dictionary<string, TunePoint> _byKey = new(StringComparer.Ordinal);
    private int _runs;

    /// <summary>Called after each round with a one-line account of it.</summary>
    public Action<string>? OnRound { get; init; }

    public TuneResult Run()
    {
        if (settings.Exhaustive)
        {
            var grid = new List<TuneJob>();
            for (long i = 0; i < space.Size; i++)
            {
                var point = NewPoint(space.At(i));
                for (int s = 0; s < settings.SeedsMax; s++) grid.Add(new TuneJob(point, s));
            }
            Execute(grid);
            var recommended = Assess();
            Report(1, recommended);
            return new TuneResult(_points, recommended, _runs, 1, $"exhaustive grid of {space.Size} points x {settings.SeedsMax} seeds");
        }

        var design = SpaceFillingDesign.Select(space, settings.InitialPoints(space), settings.Seed);
        Execute(design.SelectMany(levels => SeedJobs(NewPoint(levels), settings.SeedsMin)).ToList());
        string? lastAnswer = null;
        int stable = 0, round = 1;
        while (true)
        {
            var recommended = Assess();
            Report(round, recommended);
            string answer = string.Join(";", _points.Where(p => p.OnFront).Select(p => p.Id)) + "|" + recommended?.Id;
            stable = answer == lastAnswer ? stable + 1 : 0;
            lastAnswer = answer;
            string? stop = null;
            var race = RaceSet();
            var fresh = Refinements();
            if (_runs >= settings.Budget) stop = $"budget of {settings.Budget} runs reached";
            else if (race.Count == 0 && fresh.Count == 0) stop = "nothing left to race or refine";
            else if (race.Count == 0 && stable >= settings.Patience) stop = $"answer unchanged for {settings.Patience} rounds";
            if (stop is null)
            {
                var jobs = race.Select(p => new TuneJob(p, p.Seeds)).Take(settings.Budget - _runs).ToList();
                foreach (var levels in fresh)
                {
                    if (_runs + jobs.Count + settings.SeedsMin > settings.Budget) break;
                    jobs.AddRange(SeedJobs(NewPoint(levels), settings.SeedsMin));
                }
                if (jobs.Count == 0) stop = $"budget of {settings.Budget} runs reached";
                else
                {
                    Execute(jobs);
                    round++;
                    continue;
                }
            }
            return new TuneResult(_points, recommended, _runs, round, stop);
        }
    }

    private TunePoint NewPoint(int[] levels)
    {
        var point = new TunePoint(_points.Count, levels);
        _points.Add(point);
        _byKey[TuneSpace.Key(levels)] = point;
        return point;
    }

    private static IEnumerable<TuneJob> SeedJobs(TunePoint point, int seeds) =>
        Enumerable.Range(point.Seeds, seeds).Select(s => new TuneJob(point, s));

    private void Execute(IReadOnlyList<TuneJob> jobs)
    {
        var results = evaluator.Run(jobs);
        // Jobs are added in order, so a point's runs stay ordered by seed.
        for (int i = 0; i < jobs.Count; i++) jobs[i].Point.Add(results[i]);
        _runs += jobs.Count;
    }

    /// <summary>Estimates, feasibility, front, contenders; returns the recommended point.</summary>
    private TunePoint? Assess()
    {
        foreach (var p in _points)
        {
            p.Estimates = goal.Metrics.ToDictionary(m => m, m => p.Estimate(m, goal.Confidence), StringComparer.Ordinal);
            bool broken = p.FailedRuns > 0 || goal.Objectives.Any(o => p.Values(o.Metric).Any(double.IsNaN));
            p.State = broken ? FeasibilityState.Infeasible : Feasibility.Decide(goal.Constraints, p.Values, m => p.Estimates[m]);
            p.Violation = broken ? double.PositiveInfinity : Feasibility.Violation(goal.Constraints, p.Values, m => p.Estimates[m]);
        }
        var feasible = _points.Where(p => p.State == FeasibilityState.Feasible).ToList();
        var front = ParetoFront.Of(feasible.Select(MeanCosts).ToList()).Select(i => feasible[i]).ToHashSet();
        foreach (var p in _points)
        {
            p.OnFront = front.Contains(p);
            p.Contender = p.State != FeasibilityState.Infeasible
                && !feasible.Any(q => q != p && ParetoFront.Dominates(CostBounds(q).High, CostBounds(p).Low));
        }
        var recommended = Recommend(front.ToList());
        foreach (var p in _points) p.Recommended = p == recommended;
        return recommended;
    }

    private IReadOnlyList<double> MeanCosts(TunePoint p) => goal.Objectives.Select(o => o.Cost(p.Estimates[o.Metric].Mean)).ToArray();

    /// <summary>Each objective's interval as costs: the favourable end and the unfavourable one.</summary>
    private (double[] Low, double[] High) CostBounds(TunePoint p)
    {
        var ends = goal.Objectives.Select(o => (A: o.Cost(p.Estimates[o.Metric].Low), B: o.Cost(p.Estimates[o.Metric].High))).ToArray();
        return (ends.Select(e => Math.Min(e.A, e.B)).ToArray(), ends.Select(e => Math.Max(e.A, e.B)).ToArray());
    }

    /// <summary>
    /// One objective: the feasible point with the best mean. Several: the front point with the
    /// smallest sum of costs scaled to [0, 1] over the front, the most balanced compromise.
    /// </summary>
    private TunePoint? Recommend(List<TunePoint> front)
    {
        if (front.Count == 0) return null;
        var costs = front.Select(MeanCosts).ToList();
        int k = goal.Objectives.Count;
        var low = Enumerable.Range(0, k).Select(i => costs.Min(c => c[i])).ToArray();
        var high = Enumerable.Range(0, k).Select(i => costs.Max(c => c[i])).ToArray();
        double Score(int j) => Enumerable.Range(0, k).Sum(i => high[i] > low[i] ? (costs[j][i] - low[i]) / (high[i] - low[i]) : 0);
        return Enumerable.Range(0, front.Count).OrderBy(Score).ThenBy(j => front[j].Id).Select(j => front[j]).First();
    }

    /// <summary>
    /// Contenders that still need seeds: those whose feasibility is open, those not on the front
    /// of means (they may still join it), and, with one objective, every contender while there
    /// is more than one (their intervals overlap the best's: a close decision). The recommended
    /// point first, then the others by their objective.
    /// </summary>
    private List<TunePoint> RaceSet()
    {
        var contenders = _points.Where(p => p.Contender && p.Seeds < settings.SeedsMax).ToList();
        bool close = goal.Objectives.Count == 1 && _points.Count(p => p.Contender) > 1;
        // At most a round's worth of seeds, most promising first, so racing cannot starve the exploration.
        return contenders.Where(p => close || p.State == FeasibilityState.Undecided || !p.OnFront)
            .OrderBy(p => p.Recommended ? 0 : 1)
            .ThenBy(p => goal.Objectives[0].Cost(p.Estimates[goal.Objectives[0].Metric].Mean))
            .ThenBy(p => p.Id)
            .Take(settings.PointsPerRound)
            .ToList();
    }

    /// <summary>
    /// Unevaluated neighbours of the contenders (the recommended point, then the front, then the
    /// others by their objective) and of the infeasible points just past the boundary, taken in turn.
    /// </summary>
    private List<int[]> Refinements()
    {
        // Undecided contenders rank with the feasible ones by their objective: the best settings
        // usually sit on the constraint boundary, which is where the undecided points are.
        var anchors = _points.Where(p => p.Contender)
            .OrderBy(p => p.Recommended ? 0 : p.OnFront ? 1 : 2)
            .ThenBy(p => goal.Objectives[0].Cost(p.Estimates[goal.Objectives[0].Metric].Mean))
            .ThenBy(p => p.Id)
            .ToList();
        // The constraint boundary seen from outside: infeasible points that no feasible point
        // beats on the means, closest to meeting the bounds first. Where the bound holds is not
        // known in advance, and the best feasible point often lies next to one of these.
        var feasible = _points.Where(p => p.State == FeasibilityState.Feasible).Select(MeanCosts).ToList();
        anchors.AddRange(_points
            .Where(p => p.State == FeasibilityState.Infeasible && !double.IsPositiveInfinity(p.Violation))
            .Where(p => !feasible.Any(f => ParetoFront.Dominates(f, MeanCosts(p))))
            .OrderBy(p => p.Violation).ThenBy(p => p.Id));
        // Round robin over the anchors, nearest neighbours first: one region (a single good
        // point's cube) must not take every new point while the boundary elsewhere goes unexplored.
        var fresh = Proposals();
        var seen = fresh.Select(TuneSpace.Key).ToHashSet(StringComparer.Ordinal);
        var queues = anchors.Select(a => new Queue<int[]>(space.Neighbours(a.Levels).OrderBy(n => space.Distance(n, a.Levels)))).ToList();
        while (fresh.Count < settings.PointsPerRound && queues.Any(q => q.Count > 0))
            foreach (var queue in queues)
            {
                while (queue.TryDequeue(out var n))
                {
                    string key = TuneSpace.Key(n);
                    if (_byKey.ContainsKey(key) || !seen.Add(key)) continue;
                    fresh.Add(n);
                    break;
                }
                if (fresh.Count == settings.PointsPerRound) break;
            }
        return fresh;
    }

    /// <summary>
    /// With one objective, up to half a round of unevaluated points that <see cref="Surrogate"/>
    /// models of the objective and the constrained metrics predict to meet the bounds at a lower
    /// cost than the best point so far, cheapest first: they reach along the constraint boundary
    /// to regions no contender neighbours.
    /// </summary>
    private List<int[]> Proposals()
    {
        if (goal.Objectives.Count != 1 || space.Size > SurrogateMaxPoints) return [];
        var xs = _points.Select(p => space.Normalized(p.Levels)).ToList();
        Surrogate? Model(string metric) => Surrogate.Fit(xs, _points.Select(p => p.FailedRuns > 0 ? double.NaN : p.Estimates[metric].Mean).ToList());
        var objective = goal.Objectives[0];
        var cost = Model(objective.Metric);
        var bounds = goal.Constraints.Select(c => (Constraint: c, Model: Model(c.Metric))).ToList();
        if (cost is null || bounds.Any(b => b.Model is null)) return [];
        double best = _points.Where(p => p.Recommended).Select(p => objective.Cost(p.Estimates[objective.Metric].Mean)).DefaultIfEmpty(double.PositiveInfinity).First();
        var proposals = new List<(double Cost, long Index, int[] Levels)>();
        for (long i = 0; i < space.Size; i++)
        {
            var levels = space.At(i);
            if (_byKey.ContainsKey(TuneSpace.Key(levels))) continue;
            var x = space.Normalized(levels);
            if (!bounds.All(b => b.Constraint.Holds(b.Model!.Predict(x)))) continue;
            double predicted = objective.Cost(cost.Predict(x));
            if (predicted < best) proposals.Add((predicted, i, levels));
        }
        return proposals.OrderBy(p => p.Cost).ThenBy(p => p.Index).Take(settings.PointsPerRound / 2).Select(p => p.Levels).ToList();
    }

    /// <summary>Spaces larger than this are not scanned point by point for proposals.</summary>
    private const long SurrogateMaxPoints = 100_000;

    private void Report(int round, TunePoint? recommended)
    {
        if (OnRound is null) return;
        string best = recommended is null ? "no feasible point yet"
            : string.Join(", ", space.Values(recommended.Levels).Select(v => $"{v.Key}={v.Value}")) + " ("
              + string.Join(", ", goal.Objectives.Select(o => $"{o.Metric} {recommended.Estimates[o.Metric].Mean:G4}")) + ")";
        OnRound($"round {round}: {_runs} runs, {_points.Count} points, {_points.Count(p => p.State == FeasibilityState.Feasible)} feasible; best: {best}");
    }
}
