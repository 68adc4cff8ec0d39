using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// What one run of a scenario point is expected to cost before anything runs: events processed
/// and peak memory. A model with measured constants, good to a factor of about 2, so `list` can
/// size a sweep and the memory guard can refuse a run that cannot fit.
/// </summary>
/// <remarks>
/// Calibration (docs/running.md, "Cost estimates"): the rumor kinds were run at 300, 1,200 and
/// 4,800 nodes for 20 s (fanout 3, interval 200 ms, one update a second) and the events column
/// of runs.csv and the peak RSS (/usr/bin/time -v) were fitted. Events grow as
/// nodes x rounds x (1 + fanout x messages per contact); memory as a runtime base plus a
/// per-node cost. Heartbeat keeps a dense view of every member in every node, a per-pair cost
/// taken from the per-member arrays in its node code. SWIM's views and the view tracker's beliefs
/// are shared tables (<c>SharedViewTable</c>): a baseline per run plus each node's differences, so
/// a converged cluster costs per node, not per pair; what they add is one entry per (node, member)
/// pair that disagrees with the rest, estimated from the nodes the faults touch. A ring adds its
/// view matrix per pair and its tokens; a request workload adds one event per evaluated request.
/// </remarks>
public sealed record RunCost(double Events, double MemoryBytes)
{
    /// <summary>Measured RSS of a tiny run: the .NET runtime, the CLI and the loaded libraries.</summary>
    public const double RuntimeBaseBytes = 70e6;

    /// <summary>Measured: (RSS at 4,800 nodes - RSS at 300 nodes) / 4,500, rounded up.</summary>
    public const double BytesPerNode = 5e3;

    /// <summary>Measured events per node per round beyond the round's own timer, per fanout contact.</summary>
    private static double MessagesPerContact(string kind, string? mode) => (kind, mode) switch
    {
        ("push", "rumor") or ("pull", "rumor") or ("pushpull", "rumor") => 0.45,
        ("push", _) => 1.0,
        ("pull", _) or ("pushpull", _) => 2.0,
        ("heartbeat", _) => 3.0, // SYN, ACK, ACK2 of the digest exchange
        _ => 2.0,               // swim: probe and ack, plus gossip
    };

    /// <summary>
    /// Bytes per (node, member) pair of dense membership state: heartbeat's member arrays; 0 for swim,
    /// whose views are shared (see <see cref="BytesPerDifference"/>), and for rumor kinds, which keep no member list.
    /// </summary>
    public static double BytesPerPair(string kind) => kind switch
    {
        // table 8 (MemberTable's keys; 16 with the spare copy a node may keep) + detector clocks 20
        // (MemberClocks: tLast, window sum, count; detectors other than Cassandra's keep a 4-byte
        // judge wait besides, and Akka's squared intervals, 8) + live and unreachable lists 8 +
        // belief 1 (and four bits of member sets), and the view tracker: while a cluster learns
        // itself its rows hold up to one belief byte per member.
        "heartbeat" => 42,
        // akka: the gossip's incarnation, status, row version and row reference (25, and as much
        // again for a frozen copy in flight), the detector clocks (28) and the node's own arrays per
        // member (monitoring since, monitored, up and exited incarnations 32, four flags and the
        // belief 5): 115, with room.
        "akka" => 120,
        _ => 0,
    };

    /// <summary>
    /// Bytes per (node, member) pair that disagrees with the shared baseline, per pair that
    /// <see cref="DisagreeingPairs"/> counts. Heartbeat: an entry in the view tracker's map of a
    /// row's differences (<c>ColumnMap</c>: an 8-byte slot for a belief byte and its column, 11-21 B
    /// at the map's load of 3/8 to 3/4); the 30 B set when it was a dictionary entry (~20 B) stays
    /// as the bound. Swim, fitted to peak RSS (docs/running.md, "Cost
    /// estimates": crashes of 1% at 5,000-20,000 nodes, 10% partitions at 2,000 and 5,000) at the
    /// largest per-pair cost measured, 794 B: a suspicion (its record, confirmers and timer event),
    /// its suspect and dead broadcasts queued, and the differing entries of the views and the tracker.
    /// </summary>
    public static double BytesPerDifference(string kind) => kind switch
    {
        "swim" => 800,
        "heartbeat" => 30,
        _ => 0,
    };

    /// <summary>
    /// Bytes per (node, member) pair a ring adds: the ring view tracker's int per (observer, owner)
    /// (<c>RingViewTracker</c>), plus each node's tokens per member: SWIM's token-set id
    /// (<c>SwimNode._tokens</c>), heartbeat's token-set id and its version (<c>MemberTable.Tokens</c>,
    /// <c>TokensVersion</c>, held only with a ring).
    /// </summary>
    public static double RingBytesPerPair(string kind) => kind == "swim" ? 8 : 12;

    /// <summary>
    /// Bytes per token: the universe's 8-byte position and 4-byte set id (doubled while a set is
    /// merged in) and the token set's own 8-byte copy (<c>TokenRing</c>, <c>TokenSet</c>).
    /// </summary>
    public const double RingBytesPerToken = 32;

    public static RunCost Estimate(ScenarioSpec point)
    {
        string kind = point.Text("protocol.kind");
        string? mode = point.Has("protocol.mode") ? point.Text("protocol.mode") : null;
        double nodes = point.Nodes;
        double durationS = point.DurationUs() / 1e6;
        double intervalS = FirstDurationS(point, "protocol.interval", "protocol.probe_interval") ?? 0.2;
        double fanout = point.Has("protocol.fanout") ? point.Int("protocol.fanout") : 3;
        double rounds = durationS / intervalS;
        double events = nodes * rounds * (1 + fanout * MessagesPerContact(kind, mode));
        double memory = RuntimeBaseBytes + BytesPerNode * nodes + BytesPerPair(kind) * nodes * nodes
            + BytesPerDifference(kind) * DisagreeingPairs(point, nodes);
        if (point.Has("ring"))
            memory += RingBytesPerPair(kind) * nodes * nodes + RingBytesPerToken * point.Int("ring.vnodes") * nodes;
        // What grows with duration rather than with nodes: each update's first-learn times (8 B a
        // node) and its events.csv row, each sample and its timeseries.csv row.
        double updates = UpdateCount(point);
        double samples = SampleCount(point);
        events += updates + samples;
        memory += updates * (8 * nodes + BytesPerUpdate) + samples * BytesPerSample;
        if (point.Has("workload"))
        {
            // One driver event per evaluated request; a Zipf workload keeps the CDF of its key space.
            double requestsS = Math.Max(0, durationS - point.DurationUs("workload.start") / 1e6);
            events += Math.Min(point.Real("workload.rate"), point.Real("workload.sample")) * requestsS;
            if (point.Text("workload.keys") == "zipf") memory += 8.0 * point.Int("workload.key_space");
        }
        return new RunCost(events, memory);
    }

    /// <summary>
    /// (Node, member) pairs whose views disagree with the rest at the worst moment: every node a
    /// fault touches is seen differently by the others and sees them differently, 2·n pairs each,
    /// until the cluster agrees again (then they fold away). Faults on all nodes, a zone or a churn
    /// process count as touching all of them; at most every pair.
    /// </summary>
    public static double DisagreeingPairs(ScenarioSpec point, double nodes)
    {
        double touched = 0;
        int faults = point.Has("faults") ? point.Count("faults") : 0;
        for (int i = 0; i < faults; i++)
        {
            string kind = point.Text($"faults[{i}].kind");
            string t = $"faults[{i}].{kind}";
            touched += kind == "churn" || !point.Has(t + ".by") ? nodes : point.Text(t + ".by") switch
            {
                "ids" => point.IntList(t + ".ids").Count,
                "count" => point.Int(t + ".count"),
                "fraction" => point.Real(t + ".fraction") * nodes,
                _ => nodes,
            };
        }
        return Math.Min(nodes * nodes, 2 * Math.Min(touched, nodes) * nodes);
    }

    /// <summary>
    /// Bytes per update beyond its 8 B a node: the tracker's record and array headers (about 100 B)
    /// and its row of events.csv held until the run's part is written (14 cells of short strings,
    /// about 900 B).
    /// </summary>
    public const double BytesPerUpdate = 1_000;

    /// <summary>Bytes per timeseries sample: the sample itself (about 60 B) and its row of 10 cells (about 700 B).</summary>
    public const double BytesPerSample = 800;

    /// <summary>Updates a run writes: the listed times before the end, or one a period from the start.</summary>
    public static double UpdateCount(ScenarioSpec point)
    {
        if (!point.Has("updates")) return 0;
        long durationUs = point.DurationUs();
        if (point.Text("updates.kind") == "at") return point.DurationListUs("updates.at").Count(t => t < durationUs);
        long start = point.DurationUs("updates.start"), every = point.DurationUs("updates.every");
        return start >= durationUs || every <= 0 ? 0 : Math.Ceiling((double)(durationUs - start) / every);
    }

    /// <summary>Timeseries samples a run takes: one a sample_every before the end.</summary>
    public static double SampleCount(ScenarioSpec point)
    {
        long every = point.Has("sample_every") ? point.DurationUs("sample_every") : 0;
        return every <= 0 ? 0 : Math.Floor((double)(point.DurationUs() - 1) / every);
    }

    /// <summary>The part of the estimate one more run in parallel adds (the runtime base is paid once).</summary>
    public double PerRunBytes => MemoryBytes - RuntimeBaseBytes;

    private static double? FirstDurationS(ScenarioSpec point, params string[] paths) =>
        paths.Where(point.Has).Select(p => point.DurationUs(p) / 1e6).Cast<double?>().FirstOrDefault();

    public static string FormatBytes(double bytes) => bytes switch
    {
        >= 1e9 => $"{bytes / 1e9:0.0} GB",
        >= 1e6 => $"{bytes / 1e6:0} MB",
        _ => $"{bytes / 1e3:0} KB",
    };

    public static string FormatCount(double count) => count switch
    {
        >= 1e9 => $"{count / 1e9:0.0}G",
        >= 1e6 => $"{count / 1e6:0.0}M",
        >= 1e3 => $"{count / 1e3:0}k",
        _ => $"{count:0}",
    };
}
