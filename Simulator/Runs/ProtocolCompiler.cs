using GossipSim.Scenarios;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Rumor;

namespace GossipSim.Simulator.Runs;

/// <summary>Compiles <c>protocol.*</c> of a scenario point into the family's typed setup.</summary>
public static class ProtocolCompiler
{
    public static IProtocolSetup Compile(ScenarioSpec spec) => spec.Text("protocol.kind") switch
    {
        _ => Rumor(spec),
    };

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

}
