using GossipSim.Scenarios;
using GossipSim.Simulator.Ring;

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
        Latency: NetworkCompiler.Latency(spec),
        Loss: NetworkCompiler.Loss(spec),
        Protocol: ProtocolCompiler.Compile(spec),
        Updates: Updates(spec))
    {
        SampleEveryUs = spec.DurationUs("sample_every"),
        Network = NetworkCompiler.Setup(spec),
        Faults = FaultCompiler.Compile(spec),
        HealAtUs = spec.Has("heal_at") ? spec.DurationUs("heal_at") : null,
        InitialNodes = spec.Has("initial_nodes") ? spec.Int("initial_nodes") : null,
        Ring = Ring(spec),
        Requests = Requests(spec),
        RecordDeclarations = spec.Bool("record.declarations"),
        SpecSha256 = SpecHash(spec, seed),
    };

    private static string SpecHash(ScenarioSpec spec, ulong seed) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            spec.RunDefinitionYaml() + "seed: " + seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n")));

    private static RingSettings? Ring(ScenarioSpec spec)
    {
        if (!spec.Has("ring")) return null;
        return new RingSettings(spec.Int("ring.vnodes"), spec.Int("ring.replication_factor"),
            spec.Text("ring.placement") == "zone_aware" ? RingPlacement.ZoneAware : RingPlacement.Simple,
            NetworkCompiler.Zones(spec), GivenTokens(spec));
    }

    private static ulong[]?[]? GivenTokens(ScenarioSpec spec)
    {
        if (!spec.Has("ring.tokens")) return null;
        var ids = spec.Keys("ring.tokens");
        if (ids.Count == 0) return null;
        var given = new ulong[]?[spec.Nodes];
        foreach (string id in ids) given[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)] = spec.ULongList("ring.tokens." + id).ToArray();
        return given;
    }

    private static RequestPlan? Requests(ScenarioSpec spec)
    {
        if (!spec.Has("workload")) return null;
        double? zipf = spec.Text("workload.keys") == "zipf" ? spec.Real("workload.keys.s") : null;
        return new RequestPlan(spec.Real("workload.rate"), spec.DurationUs("workload.start"), zipf, spec.Int("workload.key_space"), spec.Real("workload.sample"));
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
