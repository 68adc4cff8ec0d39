namespace GossipSim.Simulator.Runs;

/// <summary>
/// The direction of every metric column a run writes to runs.csv (<see cref="RunMetrics"/>,
/// <see cref="RoutingMetrics"/>). A baseline comparison cannot tell a fall in requests served
/// from a fall in bytes sent without it, so every column is declared here, none is assumed:
/// a test builds runs of every protocol family with every optional column and fails on a column
/// without a direction, and a comparison of such a column fails rather than guessing.
/// </summary>
public static class MetricDirections
{
    private const MetricDirection Lower = MetricDirection.LowerIsBetter;
    private const MetricDirection Higher = MetricDirection.HigherIsBetter;
    private const MetricDirection NotBehaviour = MetricDirection.NotBehaviour;

    private static readonly Dictionary<string, MetricDirection> Declared = new(StringComparer.Ordinal)
    {
        // Every run.
        ["nodes"] = NotBehaviour, ["duration_s"] = NotBehaviour, ["events"] = NotBehaviour,
        // Censored updates are set by where the run ends against how long updates take; the
        // protocol's speed shows in the convergence columns, not in this count.
        ["updates"] = NotBehaviour, ["updates_converged"] = Higher, ["updates_censored"] = NotBehaviour, ["known_fraction_mean"] = Higher,
        ["t50_s_mean"] = Lower, ["t90_s_mean"] = Lower, ["t99_s_mean"] = Lower, ["t100_s_mean"] = Lower,
        ["t100_s_p99"] = Lower, ["t100_s_max"] = Lower,
        ["messages_sent"] = Lower, ["messages_lost"] = Lower, ["msgs_per_node_s_mean"] = Lower,
        ["bytes_per_node_s_mean"] = Lower, ["bytes_per_node_s_p99"] = Lower, ["bytes_per_node_s_max"] = Lower,
        // Faults and the optional network models.
        ["messages_cut"] = Lower, ["pause_drops"] = Lower, ["messages_lost_burst"] = Lower, ["messages_duplicated"] = Lower,
        ["messages_fragmented"] = Lower, ["uplink_drops"] = Lower, ["uplink_wait_mean_ms"] = Lower, ["uplink_wait_max_ms"] = Lower,
        ["slow_drops"] = Lower,
        // Churn carried out and skipped: set by the scenario's rates against the nodes free to depart or arrive.
        ["churn_departures"] = NotBehaviour, ["churn_arrivals"] = NotBehaviour, ["churn_departures_skipped"] = NotBehaviour,
        ["churn_arrivals_skipped"] = NotBehaviour,
        // Membership. Observer node-hours are the exposure of false deaths, set by the fault timeline.
        ["crashes"] = NotBehaviour, ["crashes_detected_all"] = Higher, ["crashes_censored"] = NotBehaviour,
        ["detect_first_suspect_s"] = Lower, ["phi_half_first_s"] = Lower, ["detect_first_s"] = Lower, ["detect_t50_s"] = Lower,
        ["detect_all_s"] = Lower, ["membership_events"] = NotBehaviour, ["membership_events_converged"] = Higher, ["membership_events_censored"] = NotBehaviour,
        ["fp_declarations"] = Lower, ["fp_per_node_hour"] = Lower, ["observer_node_hours"] = NotBehaviour,
        ["fp_healthy"] = Lower, ["fp_paused"] = Lower, ["fp_partitioned"] = Lower, ["fp_cluster_wide"] = Lower,
        ["suspicions_refuted"] = Lower, ["phi_half_crossings_cleared"] = Lower,
        ["fp_slow_subject"] = Lower, ["fp_by_slow_observer"] = Lower, ["fp_by_paused_observer"] = Lower,
        // Late death marks are right verdicts; how many come after the node is back is set by how
        // soon the faults bring it back against how fast the protocol detects.
        ["late_death_marks"] = NotBehaviour,
        ["view_accuracy_end"] = Higher, ["reconverge_s"] = Lower,
        // The ring and its request workload.
        ["ring_events"] = NotBehaviour, ["ring_events_converged"] = Higher, ["ring_events_censored"] = NotBehaviour, ["ring_t100_s_mean"] = Lower, ["ring_t100_s_max"] = Lower,
        ["ring_bytes_per_node_s"] = Lower,
        ["requests"] = NotBehaviour, ["request_ok"] = Higher, ["request_sent_to_dead"] = Lower, ["request_needless_hint"] = Lower,
        ["request_wrong_owner"] = Lower, ["request_ok_rate"] = Higher, ["request_sent_to_dead_rate"] = Lower,
        ["request_needless_hint_rate"] = Lower, ["request_wrong_owner_rate"] = Lower, ["request_sampled_fraction"] = NotBehaviour,
        // Timing (without --no-timing).
        ["wall_s"] = NotBehaviour, ["events_per_s"] = NotBehaviour,
    };

    private const string TypeBytesPrefix = "bytes_", TypeBytesSuffix = "_per_node_s";

    /// <summary>The column of the bytes a node sends per second in messages of one type (ping, ack, ...): fewer is better.</summary>
    public static string TypeBytes(string messageType) => TypeBytesPrefix + messageType + TypeBytesSuffix;

    /// <summary>The declared direction of a runs.csv metric column, or null when it has none.</summary>
    public static MetricDirection? Of(string column) =>
        Declared.TryGetValue(column, out var direction) ? direction
        : column.StartsWith(TypeBytesPrefix, StringComparison.Ordinal) && column.EndsWith(TypeBytesSuffix, StringComparison.Ordinal) ? Lower
        : null;
}
