using GossipSim.Scenarios;
using GossipSim.Scenarios.Tables;
using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Runs;

/// <summary>Compiles <c>network.*</c> of a scenario point: latency, loss and the optional models.</summary>
public static class NetworkCompiler
{
    public static LatencySpec Latency(ScenarioSpec spec) => Latency(spec, "network.latency");

    /// <summary>The latency map at <paramref name="path"/> (network.latency or a zone link's).</summary>
    public static LatencySpec Latency(ScenarioSpec spec, string path)
    {
        string dist = spec.Text(path + ".dist");
        long D(string key) => spec.DurationUs(path + "." + key);
        var latency = dist switch
        {
            "constant" => LatencySpec.Constant(D("value")),
            "uniform" => LatencySpec.Uniform(D("min"), D("max")),
            "normal" => LatencySpec.Normal(D("mean"), D("sd"), D("min")),
            "lognormal" => LatencySpec.Lognormal(D("median"), D("p99")),
            "exponential" => LatencySpec.Exponential(D("min"), D("mean")),
            "pareto" => LatencySpec.Pareto(D("scale"), spec.Real(path + ".shape")),
            "empirical" => Empirical(spec.Text(path + ".file.resolved")),
            _ => throw new ArgumentException($"unknown latency distribution '{dist}'"),
        };
        if (!spec.Has(path + ".pair_fixed") || !spec.Bool(path + ".pair_fixed")) return latency;
        return latency with { PairFixed = true, JitterUs = spec.Has(path + ".jitter") ? D("jitter") : 0 };
    }

    public static double Loss(ScenarioSpec spec) => spec.Real("network.loss");

    /// <summary>The zone of every node (network.zones); null when the scenario has none.</summary>
    public static ZoneMap? Zones(ScenarioSpec spec) => spec.Has("network.zones")
        ? new ZoneMap(spec.TextList("network.zones.names"), spec.Nodes, spec.Text("network.zones.layout") == "round_robin")
        : null;

    /// <summary>Zones, bursty loss, duplication, uplink and MTU; <see cref="NetworkSetup.Plain"/> when none is written.</summary>
    public static NetworkSetup Setup(ScenarioSpec spec)
    {
        var setup = NetworkSetup.Plain;
        if (Zones(spec) is { } zones)
        {
            var links = new List<ZoneLink>();
            for (int i = 0; i < spec.Count("network.zones.links"); i++)
            {
                string p = $"network.zones.links[{i}]";
                var between = spec.TextList(p + ".between");
                links.Add(new ZoneLink(zones.IndexOf(between[0]), zones.IndexOf(between[1]),
                    spec.Has(p + ".latency") ? Latency(spec, p + ".latency") : null,
                    spec.Has(p + ".loss") ? spec.Real(p + ".loss") : null));
            }
            setup = setup with { Zones = zones, ZoneLinks = links };
        }
        if (spec.Has("network.burst_loss"))
        {
            const string b = "network.burst_loss";
            setup = setup with
            {
                BurstLoss = new BurstLossSpec(spec.Real(b + ".p_good_bad"), spec.Real(b + ".p_bad_good"),
                    spec.Real(b + ".loss_good"), spec.Real(b + ".loss_bad"), spec.Text(b + ".per") == "sender"),
            };
        }
        if (spec.Has("network.duplicate")) setup = setup with { Duplicate = spec.Real("network.duplicate") };
        if (spec.Has("network.uplink"))
        {
            setup = setup with
            {
                UplinkBytesPerS = spec.Long("network.uplink.bytes_per_s"),
                UplinkQueueBytes = spec.Has("network.uplink.queue_bytes") ? spec.Long("network.uplink.queue_bytes") : 0,
            };
        }
        if (spec.Has("network.mtu")) setup = setup with { MtuBytes = spec.Int("network.mtu") };
        return setup;
    }

    private static LatencySpec Empirical(string path)
    {
        var table = LatencyTable.TryRead(path, out var error) ?? throw new ArgumentException(error);
        return LatencySpec.Empirical(table.ValuesUs, table.Cdf);
    }
}
