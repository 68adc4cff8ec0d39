namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// Keys of <c>protocol.kind: akka</c>: Akka cluster membership, its heartbeat ring, reachability
/// gossip and split-brain-resolver downing (docs/references.md §3). Defaults are akka-cluster's
/// reference.conf, with keep-majority downing.
/// </summary>
internal static class AkkaProtocolSchema
{
    public const string Kind = "akka";

    public static MapKey Create() => new(
        new Field("heartbeat_interval", new DurationKey(true, "1s") { Doc = "heartbeat to each monitored node (failure-detector.heartbeat-interval 1 s)" }),
        new Field("gossip_interval", new DurationKey(true, "1s") { Doc = "cluster gossip to one member (gossip-interval 1 s)" }),
        new Field("gossip_time_to_live", new DurationKey(true, "2s") { Doc = "a gossip that waited longer than this in a slow node's handling queue is ignored (gossip-time-to-live 2 s)" }),
        new Field("monitored_by", new IntKey(min: 1, @default: 9) { Doc = "ring neighbours that monitor each node (monitored-by-nr-of-members 9)" }),
        new Field("expected_response_after", new DurationKey(true, "1s") { Doc = "the detector starts this long after the first heartbeat even without an answer (expected-response-after 1 s)" }),
        new Field("threshold", new RealKey(0.1, 1000, 8) { Doc = "phi threshold (8.0)" }),
        new Field("window", new IntKey(min: 2, @default: 1000) { Doc = "intervals kept (max-sample-size 1000)" }),
        new Field("min_std", new DurationKey(false, "100ms") { Doc = "floor of the standard deviation (min-std-deviation 100 ms)" }),
        new Field("acceptable_pause", new DurationKey(false, "3s") { Doc = "added to the mean (acceptable-heartbeat-pause 3 s)" }),
        new Field("downing", new EnumKey(["keep-majority", "none"], "keep-majority") { Doc = "keep-majority: the split brain resolver's strategy; none: Akka's own default, nobody is downed" }),
        new Field("stable_after", new DurationKey(false, "20s") { Doc = "the unreachable set must not change this long before the leader downs (split-brain-resolver.stable-after 20 s)" }),
        new Field("leader_actions_interval", new DurationKey(true, "1s") { Doc = "the leader's actions (moving joiners up, removing the downed, leaving members to exiting) and a downed node's shutdown check run on a tick this often (leader-actions-interval 1 s)" }),
        new Field("seed_node_timeout", new DurationKey(true, "5s") { Doc = "a joining node asks the seeds again after this long without an answer; the first seed joins itself after this long without an InitJoinAck (seed-node-timeout 5 s)" }),
        new Field("retry_unsuccessful_join_after", new DurationOrOffKey("10s") { Doc = "a Join without a Welcome is retried through the seeds after this long; off: never (retry-unsuccessful-join-after 10 s)" }),
        new Field("allow_weakly_up_members", new DurationOrOffKey("7s") { Doc = "the leader moves joining members to WeaklyUp after this long of leader ticks without convergence; off: never (allow-weakly-up-members 7 s)" }),
        new Field("periodic_tasks_initial_delay", new DurationKey(false, "1s") { Doc = "a started node's gossip and leader ticks begin this long (or one interval, if longer) after its start, its heartbeats after its Welcome (periodic-tasks-initial-delay 1 s)" }),
        new Field("seeds", new ListKey(new IntKey(min: 0), absentIsEmpty: true) { Doc = "seed nodes (seed-nodes, in order, < nodes): a joining or restarted node asks them to join, the first runs the first seed's process; empty = nodes 0, 1, 2" }));
}
