namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// Keys of <c>protocol.kind: heartbeat</c>: full-membership heartbeat gossip (van Renesse et al.
/// 1998; Cassandra gms, docs/references.md §2) with a timeout or phi-accrual failure detector.
/// Defaults are Cassandra's: 1 s rounds, one live peer, digest exchange, exponential phi 8.
/// </summary>
internal static class HeartbeatProtocolSchema
{
    public const string Kind = "heartbeat";

    public static MapKey Create() => new(
        new Field("interval", new DurationKey(true, "1s") { Doc = "heartbeat and gossip round (Cassandra intervalInMillis 1000)" }),
        new Field("fanout", new IntKey(min: 1, @default: 1) { Doc = "live peers gossiped to per round (< nodes), besides Cassandra's extra targets" }),
        new Field("exchange", new EnumKey(["push", "digest"], "digest") { Doc = "push: send the full list; digest: 3-way SYN/ACK/ACK2 carrying only newer entries" }),
        new Field("transport", new EnumKey(["udp", "tcp"], "udp") { Doc = "what carries SYN, ACK, ACK2 and push: udp datagrams, which random loss drops, or tcp, an open internode connection that only a cut stops (Cassandra's MessagingService); priced as TCP either way" }),
        new Field("seeds", new ListKey(new IntKey(min: 0), absentIsEmpty: true) { Doc = "seed node ids (< nodes); empty = contact random ids until every id is known" }),
        new Field("local_pause_guard", new DurationKey(false, "0s") { Doc = "after a round this much later than the last (a local pause), convict nobody for this long (Cassandra MAX_LOCAL_PAUSE_IN_MS 5 s); 0 = off" }),
        new Field("report_unknown", new BoolKey(true) { Doc = "the state that first makes a member known opens its arrival window, as Cassandra's Gossiper.applyStateLocally reports a new endpoint (false, a what-if: only the next newer one does)" }),
        new Field("echo", new BoolKey(false) { Doc = "mark a new, restarted or dead member alive only when it answers an ECHO (Cassandra markAlive)" }),
        new Field("quarantine", new DurationKey(false, "0s") { Doc = "with a ring: a member removed by its STATUS LEFT is quarantined this long, every state about it ignored (Cassandra QUARANTINE_DELAY 60 s, Gossiper.quarantineEndpoint); 0 = off" }),
        new Field("ring_delay", new DurationKey(false, "0s") { Doc = "with a ring: a leave (Cassandra's decommission) sets STATUS LEFT and goes on gossiping for max(ring_delay, 2 intervals) before its process stops without announcing it (StorageService.leaveRing, RING_DELAY 30 s); 0 = a what-if in which LEFT is pushed to every member believed live and the process stops at once" }),
        new Field("announce_shutdown", new BoolKey(false) { Doc = "a leave without a ring (a plain stop) sends GOSSIP_SHUTDOWN to the members believed live, which mark the node down at once (Cassandra Gossiper.stop, markAsShutdown)" }),
        new Field("detector", new UnionByKey("kind",
        [
            ("phi", new MapKey(
                new Field("model", new EnumKey(["exponential", "normal"], "exponential") { Doc = "exponential (Cassandra) or normal with logistic approximation (Akka)" }),
                new Field("threshold", new RealKey(0.1, 1000, 8) { Doc = "conviction threshold (Cassandra phi_convict_threshold 8; Akka 8.0)" }),
                new Field("window", new IntKey(min: 2, @default: 1000) { Doc = "arrival intervals kept (Cassandra 1000; Akka max-sample-size 1000)" }),
                new Field("min_std", new DurationKey(false, "100ms") { Doc = "normal model: floor of the standard deviation (Akka min-std-deviation)" }),
                new Field("acceptable_pause", new DurationKey(false, "0s") { Doc = "normal model: added to the mean (Akka acceptable-heartbeat-pause)" }))),
            ("timeout", new MapKey(
                new Field("fail", new DurationKey(true, "10s") { Doc = "marked dead when the heartbeat has not grown for this long (T_fail)" }),
                new Field("cleanup", new DurationKey(true, "20s") { Doc = "entry forgotten this long after it failed (T_cleanup, about 2 T_fail)" }))),
        ])
        {
            DefaultVariant = "phi",
            DefaultYaml = "{kind: phi}",
            Doc = "failure detector",
        }));
}
