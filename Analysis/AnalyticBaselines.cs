namespace GossipSim.Analysis;

/// <summary>
/// Closed forms from epidemic and failure-detector theory (docs/references.md sections 1-6),
/// and which of them apply to a sweep point. All assume uniform random contacts on a complete
/// graph in synchronous rounds; the simulator has asynchronous timers, latency and loss, so a
/// disagreement is a finding to explain, not necessarily a bug.
/// </summary>
public static class AnalyticBaselines
{
    /// <summary>Push, fanout 1: log2 n + ln n rounds until all know (Frieze and Grimmett 1985; Pittel 1987).</summary>
    public static double PushRounds(double n) => Math.Log2(n) + Math.Log(n);

    /// <summary>
    /// Push with fanout k: log_(k+1) n + (ln n)/k rounds [derived: growth phase multiplies the
    /// informed by k+1 per round, end phase shrinks the uninformed by e^-k per round]; equals
    /// <see cref="PushRounds(double)"/> at k = 1. Used as the Serf/memberlist dissemination estimate
    /// with k = GossipNodes.
    /// </summary>
    public static double PushRounds(double n, int fanout) => Math.Log(n) / Math.Log(fanout + 1) + Math.Log(n) / fanout;

    /// <summary>Push-pull, fanout 1: log3 n rounds, the leading term of Karp et al. (FOCS 2000; the O(log log n) term is left out).</summary>
    public static double PushPullRounds(double n) => Math.Log(n) / Math.Log(3);

    /// <summary>
    /// Pull with fanout k, Demers et al. (PODC 1987) mean-field recurrence for the uninformed
    /// fraction: q(0) = 1 - 1/n, q(i+1) = q(i)^(k+1) (an uninformed node stays so only if all k
    /// peers it pulls from are uninformed). Rounds until fewer than one node is expected to be
    /// uninformed, n q(i) &lt; 1.
    /// </summary>
    public static int PullRounds(double n, int fanout = 1)
    {
        double q = 1 - 1 / n;
        int rounds = 0;
        while (n * q >= 1 && rounds < 10_000)
        {
            q = Math.Pow(q, fanout + 1);
            rounds++;
        }
        return rounds;
    }

    /// <summary>
    /// The informed fraction after each of <paramref name="rounds"/> synchronous rounds, from
    /// the mean-field recurrences for the uninformed fraction s (Demers et al., PODC 1987), each
    /// node contacting k peers a round and each message lost with probability l, s(0) = 1 - 1/n:
    /// push s' = s e^(-k(1-l)(1-s)) (the pushes reaching a node are Poisson), pull
    /// s' = s (1 - (1-l)^2 (1-s))^k (request and reply must both arrive), push-pull both at once.
    /// For swim, Serf's logistic 1/(1 + (n+1) e^(-c x)) with c = k(1-l)/2, k = gossip nodes
    /// (the Serf convergence simulator's model of memberlist gossip). Null for other kinds.
    /// </summary>
    public static double[]? InformedByRound(string? kind, int fanout, double loss, double n, int rounds)
    {
        if (kind is not ("push" or "pull" or "pushpull" or "swim") || n < 2) return null;
        var informed = new double[rounds + 1];
        double s = 1 - 1 / n;
        for (int r = 0; r <= rounds; r++)
        {
            if (kind == "swim")
            {
                informed[r] = 1 / (1 + (n + 1) * Math.Exp(-fanout * (1 - loss) / 2 * r));
                continue;
            }
            informed[r] = 1 - s;
            double pushKeeps = Math.Exp(-fanout * (1 - loss) * (1 - s));
            double pullKeeps = Math.Pow(1 - (1 - loss) * (1 - loss) * (1 - s), fanout);
            s *= kind switch { "push" => pushKeeps, "pull" => pullKeeps, _ => pushKeeps * pullKeeps };
        }
        return informed;
    }

    /// <summary>
    /// SWIM expected time until some member first finds a crashed one unresponsive, in probe
    /// periods: e/(e-1) ≈ 1.582 (Das et al., DSN 2002). That is the first suspicion, not the
    /// first death mark, which comes a suspicion timeout later.
    /// </summary>
    public static double SwimFirstDetectionProbeIntervals => Math.E / (Math.E - 1);

    /// <summary>Cassandra phi accrual: convicts after a silence of threshold·ln 10 mean intervals (≈ 18.42 at threshold 8).</summary>
    public static double PhiConvictionIntervals(double threshold = 8) => threshold * Math.Log(10);

    /// <summary>Slopes of rounds-to-all against ln n, for the scaling fit: push 1/ln 2 + 1, push-pull 1/ln 3, pull 1/ln 2.</summary>
    public static double? RoundsPerLnN(string? kind) => kind switch
    {
        "push" => 1 / Math.Log(2) + 1,
        "pushpull" => 1 / Math.Log(3),
        "pull" => 1 / Math.Log(2),
        _ => null,
    };

    /// <summary>Node count of a point: a swept param.nodes, else the runs' nodes column.</summary>
    public static double Nodes(RunPoint point)
    {
        foreach (var (column, value) in point.Parameters)
            if (RunPoint.ShortName(column) == "nodes" && ParameterValue.TryParseNumber(value, out double n)) return n;
        var values = point.Values("nodes");
        return values.Length == 0 ? double.NaN : values.Average();
    }

    /// <summary>The baselines that apply to this point, given what is known of its settings.</summary>
    public static List<TheoryCheck> For(RunPoint point, ScenarioSettings settings)
    {
        var checks = new List<TheoryCheck>();
        double n = Nodes(point);
        if (double.IsNaN(n) || n < 2) return checks;
        int fanout = settings.Fanout ?? 1;
        string nText = CellFormat.Real(n);

        void Add(string name, string metric, string formula, string citation, double theory)
        {
            var simulated = point.Statistics(metric);
            if (simulated.N > 0) checks.Add(new TheoryCheck(name, metric, formula, citation, theory, simulated));
        }

        if (settings.IntervalS is double interval && settings.IsAntiEntropy)
        {
            string every = $"× interval {CellFormat.Real(interval)} s, n = {nText}";
            switch (settings.Kind)
            {
                case "push" when fanout == 1:
                    Add("push: rounds until all know", "t100_s_mean", $"(log2 n + ln n) {every}",
                        "Frieze & Grimmett 1985; Pittel 1987", PushRounds(n) * interval);
                    break;
                case "push":
                    Add($"push, fanout {fanout}: rounds until all know", "t100_s_mean", $"(log_(k+1) n + ln n / k) {every}",
                        "derived from Pittel's two phases", PushRounds(n, fanout) * interval);
                    break;
                case "pushpull" when fanout == 1:
                    Add("push-pull: rounds until all know", "t100_s_mean", $"log3 n {every}",
                        "Karp et al. 2000 (leading term)", PushPullRounds(n) * interval);
                    break;
                case "pull":
                    Add("pull: rounds until all know", "t100_s_mean", $"Demers recurrence q' = q^(k+1), k = {fanout} {every}",
                        "Demers et al. 1987", PullRounds(n, fanout) * interval);
                    break;
                case "swim":
                    Add($"memberlist dissemination, gossip to {fanout}", "t100_s_mean", $"(log_(k+1) n + ln n / k) {every}",
                        "Serf/memberlist estimate (push with fanout k = GossipNodes)", PushRounds(n, fanout) * interval);
                    break;
            }
        }
        if (settings.Kind == "swim" && settings.ProbeIntervalS is double probe)
            Add("SWIM: expected time to the first suspicion", "detect_first_suspect_s", $"e/(e-1) × probe interval {CellFormat.Real(probe)} s",
                "Das et al., DSN 2002", SwimFirstDetectionProbeIntervals * probe);
        // Each observer convicts after its own silence: the typical observer's mark (the crash's
        // t50), not the earliest one's, is what the formula describes.
        if (settings.Kind == "heartbeat" && settings.PhiThreshold is double threshold && settings.IntervalS is double heartbeat)
            Add("phi accrual: silence before an observer convicts", "detect_t50_s",
                $"threshold {CellFormat.Real(threshold)} × ln 10 × mean interval {CellFormat.Real(heartbeat)} s (interval taken as the heartbeat inter-arrival)",
                "Cassandra FailureDetector", PhiConvictionIntervals(threshold) * heartbeat);
        return checks;
    }
}
