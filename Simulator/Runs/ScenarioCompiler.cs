using GossipSim.Scenarios;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Rumor;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Turns one validated scenario point plus a seed into a typed <see cref="RunSetup"/>: the one
/// place where scenario keys meet engine objects.
/// </summary>
public static class ScenarioCompiler
{
    public static RunSetup Compile(ScenarioSpec spec, ulong seed) => new(
        Scenario: spec.Name,
        PointIndex: spec.PointIndex,
        Parameters: spec.Parameters,
        Seed: seed,
        Nodes: spec.Nodes,
        DurationUs: spec.DurationUs(),
        Latency: Latency(spec),
        Loss: spec.Real("network.loss"),
        Protocol: Rumor(spec),
        Updates: Updates(spec));

    private static LatencySpec Latency(ScenarioSpec spec)
    {
        string dist = spec.Text("network.latency.dist");
        long D(string key) => spec.DurationUs("network.latency." + key);
        return dist switch
        {
            "constant" => LatencySpec.Constant(D("value")),
            "uniform" => LatencySpec.Uniform(D("min"), D("max")),
            "normal" => LatencySpec.Normal(D("mean"), D("sd"), D("min")),
            "lognormal" => LatencySpec.Lognormal(D("median"), D("p99")),
            "exponential" => LatencySpec.Exponential(D("min"), D("mean")),
            _ => throw new ArgumentException($"unknown latency distribution '{dist}'"),
        };
    }

    private static RumorConfig Rumor(ScenarioSpec spec)
    {
        var direction = spec.Text("protocol.kind") switch
        {
            "push" => Direction.Push,
            "pull" => Direction.Pull,
            _ => Direction.PushPull,
        };
        var mode = spec.Text("protocol.mode") == "rumor" ? SpreadMode.Rumor : SpreadMode.AntiEntropy;
        var stop = spec.Text("protocol.stop") switch
        {
            "counter" => StopRule.Counter,
            "coin" => StopRule.Coin,
            _ => StopRule.None,
        };
        int k = stop == StopRule.None ? 1 : spec.Int("protocol.stop.k");
        return new RumorConfig(spec.Nodes, direction, mode, spec.Int("protocol.fanout"), spec.DurationUs("protocol.interval"),
            stop, k, spec.Bool("protocol.feedback"), spec.Text("timers.phase") == "aligned",
            Sizes(spec, RumorMessageType.Names, RumorSizes.Defaults()));
    }

    /// <summary>Applies <c>network.sizes.TYPE</c> overrides to a protocol's default message sizes.</summary>
    private static MessageSize[] Sizes(ScenarioSpec spec, IReadOnlyList<string> typeNames, MessageSize[] defaults)
    {
        if (!spec.Has("network.sizes")) return defaults;
        foreach (string type in spec.Keys("network.sizes"))
        {
            int index = typeNames.ToList().IndexOf(type);
            if (index < 0)
                throw new ScenarioException([new SpecError($"scenario {spec.Name}", 0, 0, "network.sizes." + type,
                    $"no message type '{type}' in protocol {spec.Text("protocol.kind")}; types: {string.Join(", ", typeNames)}")]);
            string path = "network.sizes." + type;
            defaults[index] = new MessageSize(
                spec.Has(path + ".header") ? spec.Int(path + ".header") : defaults[index].HeaderBytes,
                spec.Has(path + ".item") ? spec.Int(path + ".item") : defaults[index].ItemBytes);
        }
        return defaults;
    }

    private static UpdatePlan? Updates(ScenarioSpec spec)
    {
        if (!spec.Has("updates")) return null;
        int? origin = spec.Has("updates.from") ? spec.Int("updates.from") : null;
        return spec.Text("updates.kind") == "at"
            ? new UpdatePlan(spec.DurationListUs("updates.at"), 0, 0, origin)
            : new UpdatePlan(null, spec.DurationUs("updates.every"), spec.DurationUs("updates.start"), origin);
    }
}
