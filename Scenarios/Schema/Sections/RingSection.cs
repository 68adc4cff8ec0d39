namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// The store on top of the membership protocol (docs/routing.md): `ring:` (tokens, replication,
/// placement) and `workload:` (the request stream whose routing outcomes are measured).
/// </summary>
internal sealed class RingSection : ISchemaSection
{
    public IReadOnlyList<Field> Fields { get; } =
    [
        new("ring", new MapKey(
            new Field("vnodes", new IntKey(min: 1, max: 4096, @default: 16) { Doc = "tokens per node, drawn from the ring stream (Cassandra num_tokens: 16; 256 before 4.0)" }),
            new Field("replication_factor", new IntKey(min: 1, max: 16, @default: 3) { Doc = "N: replicas per key" }),
            new Field("placement", new EnumKey(["simple", "zone_aware"], "simple") { Doc = "simple: first N distinct nodes clockwise; zone_aware: distinct zones (network.zones) first (Cassandra's rack rule)" }),
            new Field("tokens", new DictKey(new TextKey("^(0|[1-9][0-9]*)$", "a node id such as 0 or 17"), new ListKey(new U64Key()), "node id", absentIsEmpty: false)
                { Doc = "given tokens: node id -> list of exactly vnodes positions in [0, 2^64 - 1], distinct across nodes; nodes not listed draw theirs (initial_token)" }))
        {
            AbsentIsEmpty = false,
            Doc = "token ring carried by the membership protocol (heartbeat with exchange: digest, or swim); absent = no ring",
        }),
        new("workload", new MapKey(
            new Field("rate", new RateKey(1000) { Doc = "requests per second, cluster-wide" }),
            new Field("keys", new TaggedChoiceKey(["uniform"], [("zipf", new RealKey(0, 10))], "s", "uniform")
                { Doc = "uniform over the hash space, or {zipf: S}: key of rank k with probability ∝ 1/k^S" }),
            new Field("key_space", new IntKey(min: 1, max: 10_000_000, @default: 100_000) { Doc = "distinct keys for zipf" }),
            new Field("coordinators", new EnumKey(["random"], "random") { Doc = "random: each request goes to a uniformly drawn up node" }),
            new Field("start", new DurationKey(false, "0") { Doc = "time of the first request (let a cold cluster learn its members first)" }),
            new Field("sample", new RateKey(1000) { Doc = "at most this many requests per second are evaluated; rates come from the sample" }))
        {
            AbsentIsEmpty = false,
            Doc = "requests routed by each coordinator's own ring and liveness view; outcomes in runs.csv and timeseries.csv; absent = none",
        }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [CheckRing, CheckTokens];

    /// <summary>Memberlist caps a node's meta at 512 B (docs/references.md §1): given tokens ride in it raw.</summary>
    private const int SwimMetaLimitBytes = 512;

    /// <summary>
    /// Given tokens (ring.tokens): node ids in range, exactly vnodes per node, and no token owned
    /// twice (a duplicate would make the walk's owner depend on sort order). Errors point at the
    /// node's list or at the offending token.
    /// </summary>
    private static void CheckTokens(RuleScope s)
    {
        if (s.Value("ring") is null || s.Value("ring.tokens") is null) return;
        long vnodes = s.Long("ring.vnodes") ?? 0;
        long nodes = s.Long("nodes") ?? long.MaxValue;
        var owners = new Dictionary<ulong, string>();
        var ids = s.Keys("ring.tokens");
        foreach (string id in ids)
        {
            string path = "ring.tokens." + id;
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long node) || node >= nodes)
            {
                s.Error(path, $"node id {id} is out of range: nodes are 0 to {nodes - 1}", "nodes");
                continue;
            }
            if (s.Value(path) is not { Items: { } tokens }) continue;
            if (tokens.Count != vnodes)
            {
                s.Error(path, $"node {id} is given {tokens.Count} token(s), but ring.vnodes is {vnodes}: give exactly vnodes tokens per listed node", "ring.vnodes");
                continue;
            }
            for (int i = 0; i < tokens.Count; i++)
            {
                string at = $"{path}[{i}]";
                if (owners.TryGetValue(tokens[i].Unsigned, out string? first))
                    s.Error(at, $"token {tokens[i].Unsigned} is given twice: also at {first}; every token must have one owner");
                else owners.Add(tokens[i].Unsigned, at);
            }
        }
        if (ids.Count > 0 && s.Value("protocol.kind")?.Text == "swim" && 4 + 8 * vnodes > SwimMetaLimitBytes)
            s.Error("ring.tokens", $"under swim, given tokens ride raw in the node's meta (4 + 8 x vnodes = {4 + 8 * vnodes} B), over memberlist's {SwimMetaLimitBytes} B meta limit: use vnodes <= {(SwimMetaLimitBytes - 4) / 8}, or let the tokens be drawn", "ring.vnodes");
    }

    private static void CheckRing(RuleScope s)
    {
        var kind = s.Value("protocol.kind")?.Text;
        bool ring = s.Value("ring") is not null;
        if (ring && kind is not ("heartbeat" or "swim"))
            s.Error("ring", $"ring state rides on a membership protocol: protocol.kind must be heartbeat or swim, not '{kind}'", "protocol.kind");
        if (ring && kind == "heartbeat" && s.Value("protocol.exchange")?.Text == "push")
            s.Error("ring", "a heartbeat ring needs protocol.exchange: digest (TOKENS travel in ACK/ACK2 states, as Cassandra's)", "protocol.exchange");
        if (ring && s.Value("ring.placement")?.Text == "zone_aware" && s.Value("network.zones") is null)
            s.Error("ring.placement", "zone_aware placement needs zones: give network.zones (names, and layout)", "network.zones");
        if (s.Value("workload") is not null && !ring) s.Error("workload", "a request workload needs a ring: section to route by");
        if (ring && s.Long("ring.replication_factor") is { } rf && s.Long("nodes") is { } nodes && rf > nodes)
            s.Error("ring.replication_factor", $"replication_factor ({rf}) must be <= nodes ({nodes})", "nodes");
        if (ring && s.Long("nodes") is > ScenarioLimits.MaxRingNodes and var many)
            s.Error("nodes", $"a scenario with a ring may have at most {ScenarioLimits.MaxRingNodes:N0} nodes, not {many:N0}: the ring view tracker keeps one int per node pair in one array; lower nodes", "ring");
        if (s.Long("workload.start") is { } start && s.Long("duration") is { } duration && start >= duration)
            s.Error("workload.start", $"first request at {DurationText.Format(start)} is not before the end of the run ({DurationText.Format(duration)})", "duration");
        if (!ring && s.Value("faults") is { Items: { } items })
            for (int i = 0; i < items.Count; i++)
                if (s.Value($"faults[{i}].kind")?.Text == "move") s.Error($"faults[{i}].move", "a move fault changes tokens: it needs a ring: section");
    }
}
