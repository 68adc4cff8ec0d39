using GossipSim.Analysis;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// runs.csv columns of the ring and the request workload (docs/routing.md), written only when the
/// scenario has a <c>ring:</c> (and a <c>workload:</c>) section, so other runs keep their columns.
/// A new column needs its direction in <see cref="MetricDirections"/>.
/// </summary>
public static class RoutingMetrics
{
    public static void Add(ResultRow row, RunSetup setup, ObservationHub hub, IReadOnlyList<ClusterEventResult> ringEvents)
    {
        if (hub.Ring is not { } ring) return;
        var converged = new List<double>();
        foreach (var e in ringEvents)
            if (e.T100Us is long t) converged.Add(t / 1e6);
        row.Add("ring_events", ringEvents.Count)
            .Add("ring_events_converged", converged.Count)
            .Add("ring_events_censored", ringEvents.Count(e => e.Censored))
            .Add("ring_t100_s_mean", converged.Count == 0 ? double.NaN : converged.Average())
            .Add("ring_t100_s_max", converged.Count == 0 ? double.NaN : converged.Max())
            .Add("ring_bytes_per_node_s", ring.BytesSent / (setup.DurationUs / 1e6) / hub.Liveness.MeanNodesUp(setup.DurationUs));
        if (hub.Routing is not { } routing || setup.Requests is not { } plan) return;
        var c = routing.Counts;
        double total = c.Total;
        double Rate(long count) => total == 0 ? double.NaN : count / total;
        row.Add("requests", c.Total)
            .Add("request_ok", c.Ok)
            .Add("request_sent_to_dead", c.SentToDead)
            .Add("request_needless_hint", c.NeedlessHint)
            .Add("request_wrong_owner", c.WrongOwner)
            .Add("request_ok_rate", Rate(c.Ok))
            .Add("request_sent_to_dead_rate", Rate(c.SentToDead))
            .Add("request_needless_hint_rate", Rate(c.NeedlessHint))
            .Add("request_wrong_owner_rate", Rate(c.WrongOwner))
            .Add("request_sampled_fraction", plan.SampledFraction);
    }
}
