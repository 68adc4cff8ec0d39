using GossipSim.Analysis;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// The runs.csv row of one run: identity, sweep parameters, then metrics, units last in names.
/// A new metric column needs its direction in <see cref="MetricDirections"/>.
/// Convergence means are over the events that converged; unconverged ones show in
/// <c>updates_converged</c> and <c>known_fraction_mean</c>, never silently dropped, and
/// <c>updates_censored</c> counts those of them that were written too close to the run's end to
/// call failed (<see cref="ClusterEventResult.MarkCensored"/>).
/// </summary>
public static class RunMetrics
{
    public static ResultRow Row(RunSetup setup, Simulation simulation, NetworkModel network,
        IReadOnlyList<ClusterEventResult> events, IReadOnlyList<Faults.ChurnProcess> churn)
    {
        var row = RunRows.Identity(setup)
            .Add("status", "ok")
            .Add("error", "")
            .Add("nodes", setup.Nodes)
            .AddSeconds("duration_s", setup.DurationUs)
            .Add("events", simulation.EventsProcessed);

        var converged = events.Where(e => e.Converged).ToList();
        row.Add("updates", events.Count)
            .Add("updates_converged", converged.Count)
            .Add("updates_censored", events.Count(e => e.Censored))
            .Add("known_fraction_mean", events.Count == 0 ? double.NaN : events.Average(e => e.KnownFraction))
            .Add("t50_s_mean", MeanSeconds(events, e => e.T50Us))
            .Add("t90_s_mean", MeanSeconds(events, e => e.T90Us))
            .Add("t99_s_mean", MeanSeconds(events, e => e.T99Us))
            .Add("t100_s_mean", MeanSeconds(events, e => e.T100Us))
            .Add("t100_s_p99", NearestRankSeconds(converged.Select(e => e.T100Us!.Value), 0.99))
            .Add("t100_s_max", NearestRankSeconds(converged.Select(e => e.T100Us!.Value), 1.0));

        var traffic = simulation.Observations.Traffic;
        double seconds = setup.DurationUs / 1e6;
        var bytesPerNodeS = new double[traffic.NodeCount];
        long sent = 0;
        for (int i = 0; i < bytesPerNodeS.Length; i++)
        {
            bytesPerNodeS[i] = traffic[i].BytesSent / seconds;
            sent += traffic[i].MessagesSent;
        }
        // The means are what a live node sends; the p99 and maximum are each node's bytes over the
        // whole run, the heaviest senders being the nodes up throughout.
        double nodesUp = simulation.Observations.Liveness.MeanNodesUp(setup.DurationUs);
        Array.Sort(bytesPerNodeS);
        row.Add("messages_sent", sent)
            .Add("messages_lost", network.MessagesLost)
            .Add("msgs_per_node_s_mean", sent / seconds / nodesUp)
            .Add("bytes_per_node_s_mean", bytesPerNodeS.Sum() / nodesUp)
            .Add("bytes_per_node_s_p99", NearestRank(bytesPerNodeS, 0.99))
            .Add("bytes_per_node_s_max", bytesPerNodeS[^1]);
        // Only runs with faults get these, so fault-free outputs keep their columns.
        if (setup.Faults.Count > 0) row.Add("messages_cut", network.MessagesCut).Add("pause_drops", simulation.PauseDrops);
        if (setup.Faults.Any(f => f is Faults.ChurnFault)) AddChurn(row, churn);
        AddNetworkModels(row, setup, simulation, network);
        // Every type of the protocol gets its column, 0 when none was sent: an empty cell would
        // drop the run from the type's mean and make a comparison of unequal run counts.
        for (int t = 0; t < traffic.TypeNames.Count; t++)
            row.Add(MetricDirections.TypeBytes(traffic.TypeNames[t]), traffic.BytesSentByType[t] / seconds / nodesUp);

        return row;
    }

    /// <summary>
    /// Churn counts over every churn process of the run: the departures and arrivals it carried out,
    /// and the Poisson steps it skipped for want of a node, so a shortfall against the rates asked
    /// shows (docs/network-and-faults.md).
    /// </summary>
    private static void AddChurn(ResultRow row, IReadOnlyList<Faults.ChurnProcess> churn) =>
        row.Add("churn_departures", churn.Sum(c => c.Departures))
            .Add("churn_arrivals", churn.Sum(c => c.Arrivals))
            .Add("churn_departures_skipped", churn.Sum(c => c.DeparturesSkipped))
            .Add("churn_arrivals_skipped", churn.Sum(c => c.ArrivalsSkipped));

    /// <summary>Columns of the optional network models and slow nodes, each only in runs that use it (docs/network-and-faults.md).</summary>
    private static void AddNetworkModels(ResultRow row, RunSetup setup, Simulation simulation, NetworkModel network)
    {
        if (network.BurstLoss is { } burst) row.Add("messages_lost_burst", burst.Lost);
        if (network.DuplicateProbability > 0) row.Add("messages_duplicated", network.MessagesDuplicated);
        if (network.MtuBytes > 0) row.Add("messages_fragmented", network.MessagesFragmented);
        if (network.Uplink is { } uplink)
        {
            row.Add("uplink_drops", uplink.Drops)
                .Add("uplink_wait_mean_ms", uplink.Sent == 0 ? 0 : uplink.WaitSumUs / 1e3 / uplink.Sent)
                .Add("uplink_wait_max_ms", uplink.WaitMaxUs / 1e3);
        }
        if (setup.Faults.Any(f => f is Faults.SlowFault)) row.Add("slow_drops", simulation.SlowDrops);
    }

    /// <summary>
    /// Membership columns (docs/membership.md): detection means over crashes, false positives by
    /// cause, refuted suspicions, and counts of membership events by kind. Written only when the
    /// protocol emitted membership beliefs, so rumor runs keep their columns.
    /// </summary>
    public static void AddMembership(ResultRow row, RunSetup setup, ObservationHub hub,
        IReadOnlyList<ClusterEventResult> membershipEvents, IReadOnlyList<CrashDetection> detections)
    {
        var views = hub.Views;
        if (views is null || !setup.Protocol.MaintainsMembership) return;
        double Mean(Func<CrashDetection, long?> pick)
        {
            var values = detections.Select(pick).Where(v => v.HasValue).Select(v => v!.Value / 1e6).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }
        var fp = views.FalsePositives(setup.DurationUs);
        bool suspects = HasSuspectState(setup);
        var crashes = membershipEvents.Where(e => e.Kind == "crash").ToList();
        // The censored counts say how many of the events that did not complete were cut off by
        // the run's end rather than failed (ClusterEventResult.MarkCensored), as updates_censored does.
        row.Add("crashes", detections.Count)
            .Add("crashes_detected_all", detections.Count(d => d.AllDeadUs.HasValue))
            .Add("crashes_censored", crashes.Count(e => e.Censored))
            .Add(suspects ? "detect_first_suspect_s" : "phi_half_first_s", Mean(d => d.FirstSuspectUs))
            .Add("detect_first_s", Mean(d => d.FirstDeadUs))
            .Add("detect_t50_s", MeanSeconds(crashes, e => e.T50Us))
            .Add("detect_all_s", Mean(d => d.AllDeadUs))
            .Add("membership_events", membershipEvents.Count)
            .Add("membership_events_converged", membershipEvents.Count(e => e.Converged))
            .Add("membership_events_censored", membershipEvents.Count(e => e.Censored))
            .Add("fp_declarations", fp.Declarations)
            .Add("fp_per_node_hour", fp.PerNodeHour)
            .Add("observer_node_hours", fp.ObserverNodeHours)
            .Add("fp_healthy", fp.Healthy)
            .Add("fp_paused", fp.Paused)
            .Add("fp_partitioned", fp.Partitioned)
            .Add("fp_cluster_wide", fp.ClusterWide)
            .Add(suspects ? "suspicions_refuted" : "phi_half_crossings_cleared", fp.SuspicionsRefuted);
        if (views.IsSlow is not null) row.Add("fp_slow_subject", fp.SlowSubject).Add("fp_by_slow_observer", fp.BySlowObserver);
        if (views.TracksPausedObservers) row.Add("fp_by_paused_observer", fp.ByPausedObserver);
        if (fp.LateDeathMarks is long late) row.Add("late_death_marks", late);
        row.Add("view_accuracy_end", views.ViewAccuracy);
        if (setup.HealAtUs is not null)
            row.Add("reconverge_s", hub.Reconvergence?.DelayUs is long delayUs ? delayUs / 1e6 : double.NaN);
    }

    /// <summary>
    /// Whether the protocol has a suspect state. The heartbeat family has none: what it reports
    /// as suspected is phi crossing half its threshold (the timeout detector: half the silence),
    /// a view the simulator adds, so its columns carry that name and no table sets it beside
    /// SWIM's suspicions.
    /// </summary>
    public static bool HasSuspectState(RunSetup setup) => setup.Protocol is not Protocols.Heartbeat.HeartbeatConfig;

    /// <summary>Wall-clock columns: last in the row, and left out with --no-timing so outputs stay byte-identical.</summary>
    public static void AddTiming(ResultRow row, Simulation simulation, double wallSeconds) =>
        row.Add("wall_s", wallSeconds).Add("events_per_s", simulation.EventsProcessed / Math.Max(wallSeconds, 1e-9));

    private static double MeanSeconds(IReadOnlyList<ClusterEventResult> events, Func<ClusterEventResult, long?> pick)
    {
        var values = events.Select(pick).Where(v => v.HasValue).Select(v => v!.Value / 1e6).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    private static double NearestRankSeconds(IEnumerable<long> microseconds, double q) =>
        NearestRank(microseconds.Select(us => us / 1e6).OrderBy(x => x).ToArray(), q);

    /// <summary>Nearest rank: the element at index ceil(q m) - 1 of the sorted values (as the bw1 baselines define p99).</summary>
    public static double NearestRank(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
