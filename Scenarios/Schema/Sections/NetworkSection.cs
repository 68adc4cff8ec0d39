using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// Latency, loss and message sizes; zones with their own latency and loss per zone pair; bursty
/// (Gilbert-Elliott) loss, duplication, per-node uplink bandwidth and an MTU. Every key added after
/// the first release has no default, so a scenario that does not write it keeps its canonical text.
/// </summary>
internal sealed class NetworkSection : ISchemaSection
{
    private const string NamePattern = "^[A-Za-z0-9_-]+$";

    public IReadOnlyList<Field> Fields { get; } =
    [
        new("network", new MapKey(
            new Field("latency", LatencySchema.Create()),
            new Field("loss", new RealKey(0, 1, 0) { Doc = "probability that a message is dropped" }),
            new Field("sizes", new DictKey(
                new TextKey(NamePattern, "letters, digits, '-' and '_'"),
                new MapKey(
                    new Field("header", new IntKey(min: 0) { Doc = "bytes per message" }, Required: true),
                    new Field("item", new IntKey(min: 0) { Doc = "bytes per carried item" }, Required: true))
                { AbsentIsEmpty = false },
                "type")
            { Doc = "message size per message type; unlisted types use the simulator's defaults" }),
            new Field("zones", Zones()),
            new Field("burst_loss", BurstLoss()),
            new Field("duplicate", new RealKey(0, 1) { Doc = "probability that a delivered message is delivered twice (the copy with its own latency)" }),
            new Field("uplink", Uplink()),
            new Field("mtu", new IntKey(min: 64, max: 1 << 20) { Doc = "bytes one packet carries; a larger message travels as ceil(size/mtu) fragments and is lost if any is" }))
        {
            Rules = [CheckZones],
        }),
    ];

    public IReadOnlyList<Action<RuleScope>> CrossRules { get; } = [CheckSizes];

    /// <summary>
    /// network.sizes names message types of the protocol under test. Swim and akka send the
    /// messages of their own systems at those systems' sizes, which network.sizes does not change,
    /// so a size given for them would be ignored.
    /// </summary>
    private static void CheckSizes(RuleScope s)
    {
        var types = s.Keys("network.sizes");
        if (types.Count == 0 || s.Value("protocol.kind") is not { Text: var kind }) return;
        var known = GossipProtocolSchema.Kinds.Contains(kind) ? MessageTypes.Rumor : kind == HeartbeatProtocolSchema.Kind ? MessageTypes.Heartbeat : null;
        if (known is null)
        {
            var own = kind switch
            {
                SwimProtocolSchema.Kind => "memberlist's own message sizes (docs/references.md §1)",
                AkkaProtocolSchema.Kind => "Akka's own message sizes (docs/references.md §3)",
                _ => "its own message sizes",
            };
            s.Error("network.sizes", $"{kind} uses {own}; network.sizes applies to push, pull, pushpull and heartbeat");
            return;
        }

        foreach (var type in types.Where(t => !known.Contains(t)))
            s.Error($"network.sizes.{type}", $"no message type '{type}' in protocol {kind}; types: {string.Join(", ", known)}{Suggest.Hint(type, known)}");
    }

    private static MapKey Zones() => new(
        new Field("names", new ListKey(new TextKey(NamePattern, "letters, digits, '-' and '_'"), minCount: 1) { Doc = "zone names (racks, datacenters)" }, Required: true),
        new Field("layout", new EnumKey(["blocks", "round_robin"], "blocks") { Doc = "blocks: node i in zone floor(i * zones / nodes); round_robin: zone i mod zones" }),
        new Field("links", new MapListKey(new MapKey(
            new Field("between", new ListKey(new TextKey(NamePattern, "a zone name"), minCount: 2) { Doc = "two zone names (the same name twice: inside that zone); both directions" }, Required: true),
            new Field("latency", LatencySchema.Create(null, "latency between the two zones; absent = network.latency")),
            new Field("loss", new RealKey(0, 1) { Doc = "loss between the two zones, instead of network.loss; absent = network.loss" })))
        { Doc = "latency and loss per zone pair; pairs not listed use network.latency and network.loss" }))
    {
        AbsentIsEmpty = false,
        Doc = "groups of nodes with their own latency and loss per zone pair",
    };

    private static MapKey BurstLoss() => new(
        new Field("p_good_bad", new RealKey(0, 1) { Doc = "per message: probability a good link turns bad" }, Required: true),
        new Field("p_bad_good", new RealKey(0, 1) { Doc = "per message: probability a bad link turns good (mean burst 1/p_bad_good messages)" }, Required: true),
        new Field("loss_good", new RealKey(0, 1, 0) { Doc = "loss probability in the good state" }),
        new Field("loss_bad", new RealKey(0, 1, 1) { Doc = "loss probability in the bad state" }),
        new Field("per", new EnumKey(["link", "sender"], "link") { Doc = "link: one chain per directed link; sender: one chain per sending node (O(nodes) memory)" }))
    {
        AbsentIsEmpty = false,
        Doc = "Gilbert-Elliott bursty loss, on top of loss",
        Rules = [s =>
        {
            if (s.Value("p_bad_good") is { Real: <= 0 }) s.Error("p_bad_good", "must be > 0: a bad state that never ends is a partition");
        }],
    };

    private static MapKey Uplink() => new(
        new Field("bytes_per_s", new IntKey(min: 1, max: long.MaxValue) { Doc = "each node's uplink rate; a message occupies it size/rate" }, Required: true),
        new Field("queue_bytes", new IntKey(min: 1, max: long.MaxValue) { Doc = "send queue limit; a message that would overflow it is dropped; absent = unbounded" }))
    {
        AbsentIsEmpty = false,
        Doc = "per-node uplink bandwidth with a FIFO send queue",
    };

    private static void CheckZones(RuleScope s)
    {
        if (s.Value("zones.names") is not { Items: { } names }) return;
        var known = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            if (known.Contains(names[i].Text!)) s.Error($"zones.names[{i}]", $"zone '{names[i].Text}' is listed twice");
            known.Add(names[i].Text!);
        }

        var pairs = new List<(string, string)>();
        var links = s.Value("zones.links") is { Items: { } l } ? l.Count : 0;
        for (var i = 0; i < links; i++)
        {
            var p = $"zones.links[{i}].between";
            if (s.Value(p) is not { Items: { } between }) continue;
            if (between.Count != 2)
            {
                s.Error(p, $"needs exactly two zone names, got {between.Count}");
                continue;
            }

            for (var k = 0; k < 2; k++)
                if (!known.Contains(between[k].Text!)) s.Error($"{p}[{k}]", $"unknown zone '{between[k].Text}'; zones are {string.Join(", ", known)}");
            var a = between[0].Text!;
            var b = between[1].Text!;
            var pair = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
            if (pairs.Contains(pair)) s.Error(p, $"zone pair ({a}, {b}) is listed twice");
            pairs.Add(pair);
            if (s.Value($"zones.links[{i}].latency") is null && s.Value($"zones.links[{i}].loss") is null)
                s.Error(p, "a zone link needs latency or loss");
        }
    }
}
