namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// The fault timeline (`faults:`), the nodes present at the start (`initial_nodes`, the rest are
/// future joiners) and the liveness phase (`heal_at`). Each fault is a map with `at`, optional
/// `for` or `until`, and exactly one kind key naming its targets.
/// </summary>
internal sealed class FaultsSection : ISchemaSection
{
    /// <summary>Kinds that change one node's process; two of them on one node at one instant contradict.</summary>
    private static readonly string[] LifecycleKinds = ["crash", "restart", "pause", "leave", "join"];

    /// <summary>Kinds that last: they accept `for` / `until` and end by themselves.</summary>
    private static readonly string[] LastingKinds = ["crash", "pause", "partition", "isolate", "degrade", "slow", "churn"];

    public static readonly string[] Kinds = ["crash", "restart", "pause", "leave", "join", "partition", "isolate", "degrade", "slow", "churn", "move"];

    public IReadOnlyList<Field> Fields { get; } =
    [
        new("faults", new MapListKey(new UnionByPresence(Kinds.Select(k => (k, Item(k))).ToList()))
            { Doc = "fault timeline: each item has `at`, one kind key with its targets, optional `for` or `until` (docs/network-and-faults.md)" }),
        new("initial_nodes", new IntKey(min: 1) { Doc = "nodes started at t = 0 (ids 0..initial_nodes-1); the rest wait for a `join` fault; absent = all" }),
        new("heal_at", new DurationKey(false) { Doc = "every lasting fault ends here; reconverge_s is measured from this time; absent = no liveness phase" }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [CheckFaults];

    private static MapKey Item(string kind)
    {
        var fields = new List<Field>
        {
            new("at", new DurationKey(false) { Doc = "when the fault starts (< duration)" }, Required: true),
            new(kind, kind == "churn" ? Churn() : Targets(kind)),
        };
        if (LastingKinds.Contains(kind))
        {
            fields.Add(new("for", new DurationKey(true) { Doc = "how long it lasts (at + for <= duration); crash: restart after" }));
            fields.Add(new("until", new DurationKey(false) { Doc = "when it ends (at < until <= duration); not with for" }));
        }

        if (kind == "pause")
        {
            fields.Add(new("for_max", new DurationKey(true) { Doc = "pause: each target's length uniform in [for, for_max] (faults stream)" }));
        }

        return new MapKey(fields.ToArray())
        {
            Rules =
            [
                s =>
                {
                    if (s.Value("for") is not null && s.Value("until") is not null) s.Error("until", "'for' and 'until' cannot be combined", "until");
                    if (s.Value("for_max") is not null && s.Value("for") is null) s.Error("for_max", "for_max needs for (the shortest pause)");
                    if (s.Value("pause.every") is not null && s.Value("for") is null) s.Error("pause.every", "a recurring pause (every) needs for: how long each pause lasts");
                    if (s.Value("pause.mean_interval") is not null && s.Value("for") is null) s.Error("pause.mean_interval", "a Poisson pause process (mean_interval) needs for: how long each pause lasts");
                    if (s.Value("pause.mean_interval") is not null && s.Value("pause.every") is not null) s.Error("pause.mean_interval", "a pause recurs either in waves (every) or per node (mean_interval), not both");
                    if (s.Long("for_max") is { } max && s.Long("for") is { } min && max < min)
                        s.Error("for_max", $"for_max ({DurationText.Format(max)}) must be >= for ({DurationText.Format(min)})");
                },
            ],
        };
    }

    private static UnionByKey Churn()
    {
        var departure = new Field("departure", new EnumKey(["crash", "leave"], "crash") { Doc = "how a node departs: crash-stop or graceful leave" });
        var exclude = new Field("exclude", new ListKey(new IntKey(min: 0)) { Doc = "node ids the process never takes down (seeds)" });
        return new UnionByKey("model",
        [
            ("poisson", new MapKey(
                new Field("departures_per_s", new RealKey(0, 1e6, 0) { Doc = "Poisson rate of departures (a uniformly drawn up node)" }),
                new Field("arrivals_per_s", new RealKey(0, 1e6, 0) { Doc = "Poisson rate of arrivals (a node not started yet or taken down by this process)" }),
                departure, exclude)
            {
                Rules = [r =>
                {
                    if (r.Value("departures_per_s") is { Real: 0 } && r.Value("arrivals_per_s") is { Real: 0 })
                        r.Error("departures_per_s", "a poisson churn needs departures_per_s or arrivals_per_s above 0", "model");
                }],
            }),
            ("weibull", new MapKey(
                new Field("shape", new RealKey(0.05, 100) { Doc = "Weibull shape k of session lengths (< 1: heavy tail)" }, Required: true),
                new Field("scale", new DurationKey(true) { Doc = "Weibull scale lambda of session lengths (mean = lambda Gamma(1 + 1/k))" }, Required: true),
                new Field("downtime", new DurationKey(true) { Doc = "mean (exponential) time before a departed node rejoins with a fresh session; absent = never" }),
                departure, exclude)),
        ])
        {
            Doc = "churn process: poisson departures/arrivals, or weibull session lengths per node",
        };
    }

    private static TargetsKey Targets(string kind) => kind switch
    {
        "slow" => new TargetsKey(false,
            new Field("factor", new RealKey(1, 1e6) { Doc = "how many times slower than `handling` each message is handled" }, Required: true),
            new Field("handling", new DurationKey(true, "1ms") { Doc = "what one message costs a healthy node (taken as negligible elsewhere)" }),
            new Field("buffer", new IntKey(min: 0, @default: 1024) { Doc = "messages waiting to be handled; later arrivals are dropped" }))
            { Doc = "slow node: messages handled one at a time, each taking handling x factor; timers fire on time" },
        "restart" => new TargetsKey(allowAll: true) { Doc = "restart crashed nodes with fresh state: all, or targets among crashed nodes" },
        "pause" => new TargetsKey(false,
            new Field("buffer", new IntKey(min: 0, @default: 1024) { Doc = "messages a paused node holds; later arrivals are dropped" }),
            new Field("every", new DurationKey(true) { Doc = "a recurring process: a new wave of targets every this long, until the run ends or heals (needs for)" }),
            new Field("mean_interval", new DurationKey(true) { Doc = "a Poisson process per target: each pauses again and again, an exponential wait of this mean before each pause (from the start, then from each wake), until the run ends or heals (needs for; not with every)" }),
            new Field("wake", new EnumKey(["arrival", "timers_first", "messages_first"]) { Doc = "on waking, handle held timers and messages in arrival order, expired timers first, or messages first; absent = the system's own: timers first for swim (Go's scheduler), arrival order for the others" }))
            { Doc = "process stall: no timers fire, no messages handled; arrivals wait in a bounded buffer" },
        "partition" => new TargetsKey(false,
            new Field("direction", new EnumKey(["both", "out", "in"], "both") { Doc = "both: no messages between targets and the rest; out: targets cannot send to the rest; in: cannot receive" }))
            { Doc = "cut the targets off from every other node" },
        "degrade" => new TargetsKey(false,
            new Field("loss", new RealKey(0, 1, 0) { Doc = "extra drop probability of messages to or from the targets" }),
            new Field("latency", new DurationKey(false, "0") { Doc = "extra one-way delay of messages to or from the targets" }))
            { Doc = "loss and latency change for the targets' links" },
        "crash" => new TargetsKey(false) { Doc = "crash-stop: process and state gone (among up nodes)" },
        "leave" => new TargetsKey(false) { Doc = "graceful leave: the protocol announces it, then the process stops (status left)" },
        "join" => new TargetsKey(false) { Doc = "new nodes start and join through the protocol's seeds (among nodes not started yet)" },
        "move" => new TargetsKey(false) { Doc = "ring: the targets (among up nodes) take new tokens and announce them (needs ring:)" },
        _ => new TargetsKey(false) { Doc = "every link of the targets fails, both ways" },
    };

    private static void CheckFaults(RuleScope s)
    {
        if (s.Value("faults") is not { Items: { } items } || s.Long("duration") is not { } duration || s.Long("nodes") is not { } nodes)
        {
            return;
        }

        var end = DurationText.Format(duration);
        long initial = s.Long("initial_nodes") ?? nodes;
        if (initial > nodes) s.Error("initial_nodes", $"initial_nodes ({initial}) must be <= nodes ({nodes})", "nodes");
        if (s.Long("heal_at") is { } heal && heal >= duration) s.Error("heal_at", $"heal_at ({DurationText.Format(heal)}) is not before the end of the run ({end})", "duration");

        // (instant, node) -> kind and path of the first lifecycle fault naming that node by id.
        var claimed = new Dictionary<(long, long), (string Kind, string Path)>();
        for (var i = 0; i < items.Count; i++)
        {
            var p = $"faults[{i}]";
            if (s.Value(p + ".kind") is not { Text: var kind } || s.Long(p + ".at") is not { } at)
            {
                continue;
            }

            if (at >= duration) s.Error(p + ".at", $"fault at {DurationText.Format(at)} is not before the end of the run ({end})", "duration");
            if (s.Long(p + ".for") is { } forUs && at + (s.Long(p + ".for_max") ?? forUs) > duration)
                s.Error(p + ".for", $"fault from {DurationText.Format(at)} for {DurationText.Format(s.Long(p + ".for_max") ?? forUs)} ends after the run ({end})", "duration");
            if (s.Long(p + ".until") is { } until && (until <= at || until > duration))
                s.Error(p + ".until", $"until ({DurationText.Format(until)}) must be after at ({DurationText.Format(at)}) and <= the end of the run ({end})");

            var t = $"{p}.{kind}";
            if (s.Value(t + ".zone") is { Text: var zone } && !(s.Value("network.zones.names")?.Items?.Any(z => z.Text == zone) ?? false))
                s.Error(t + ".zone", $"unknown zone '{zone}'; {(s.Value("network.zones.names") is { Items: { } zs } ? "zones are " + string.Join(", ", zs.Select(z => z.Text)) : "network.zones is not set")}");
            if (s.Long(t + ".count") is { } count && count > nodes) s.Error(t + ".count", $"count ({count}) must be <= nodes ({nodes})", "nodes");
            else if (s.Long(t + ".count") is { } wanted && s.Value(t + ".zone") is null && s.Value(t + ".exclude") is { Items: { } excluded }
                && nodes - excluded.Select(e => e.Integer).Where(e => e < nodes).Distinct().Count() is var left && wanted > left)
                s.Error(t + ".count", $"count ({wanted}) is more than the {left} nodes left to pick from after exclude", "nodes");
            if (s.Value(t + ".fraction") is { Real: <= 0 }) s.Error(t + ".fraction", "fraction must be > 0");
            CheckIds(s, t + ".exclude", nodes);
            if (!CheckIds(s, t + ".ids", nodes) || s.Value(t + ".ids") is not { Items: { } ids })
            {
                continue;
            }

            for (var k = 0; k < ids.Count; k++)
            {
                var id = ids[k].Integer;
                var idPath = $"{t}.ids[{k}]";
                if (kind == "join" && id < initial) s.Error(idPath, $"node {id} cannot join: it is up from the start (initial_nodes = {initial})", "initial_nodes");
                if (!LifecycleKinds.Contains(kind)) continue;
                if (claimed.TryGetValue((at, id), out var first) && first.Kind != kind)
                    s.Error(idPath, $"node {id} is also targeted by {first.Kind} at {DurationText.Format(at)} ({first.Path}): contradictory faults at one instant");
                else claimed.TryAdd((at, id), (kind, p));
            }
        }
    }

    /// <summary>Every listed id must name a node; false when one does not.</summary>
    private static bool CheckIds(RuleScope s, string path, long nodes)
    {
        if (s.Value(path) is not { Items: { } ids }) return true;
        var ok = true;
        for (var k = 0; k < ids.Count; k++)
        {
            if (ids[k].Integer < nodes) continue;
            s.Error($"{path}[{k}]", $"node id {ids[k].Integer} does not exist: must be < nodes ({nodes})", "nodes");
            ok = false;
        }

        return ok;
    }
}
