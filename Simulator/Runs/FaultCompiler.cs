using GossipSim.Scenarios;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Compiles <c>faults:</c> of a validated scenario point into <see cref="FaultSpec"/> records, in
/// file order. The schema (FaultsSection) has already rejected bad times, ids and counts.
/// </summary>
public static class FaultCompiler
{
    public static IReadOnlyList<FaultSpec> Compile(ScenarioSpec spec)
    {
        var faults = new List<FaultSpec>();
        int count = spec.Has("faults") ? spec.Count("faults") : 0;
        for (int i = 0; i < count; i++)
        {
            string p = $"faults[{i}]";
            string kind = spec.Text(p + ".kind");
            string t = $"{p}.{kind}";
            long at = spec.DurationUs(p + ".at");
            long? forUs = Optional(spec, p + ".for");
            long? untilUs = Optional(spec, p + ".until");
            faults.Add(kind switch
            {
                "crash" => new CrashFault(at, Targets(spec, t)!, forUs, untilUs),
                "restart" => new RestartFault(at, Targets(spec, t)),
                "pause" => new PauseFault(at, Targets(spec, t)!, forUs, Optional(spec, p + ".for_max"), untilUs, spec.Int(t + ".buffer"),
                    Optional(spec, t + ".every"), Wake(spec, t + ".wake"), Optional(spec, t + ".mean_interval"), i),
                "leave" => new LeaveFault(at, Targets(spec, t)!),
                "join" => new JoinFault(at, Targets(spec, t)!),
                "move" => new MoveFault(at, Targets(spec, t)!),
                "partition" => new PartitionFault(at, Targets(spec, t)!, Direction(spec.Text(t + ".direction")), forUs, untilUs),
                "isolate" => new IsolateFault(at, Targets(spec, t)!, forUs, untilUs),
                "slow" => new SlowFault(at, Targets(spec, t)!, spec.Real(t + ".factor"), spec.DurationUs(t + ".handling"), spec.Int(t + ".buffer"), forUs, untilUs),
                "churn" => new ChurnFault(at, i, Churn(spec, t), forUs, untilUs),
                "degrade" => new DegradeFault(at, Targets(spec, t)!, spec.Real(t + ".loss"), spec.DurationUs(t + ".latency"), forUs, untilUs),
                _ => throw new ArgumentException($"unknown fault kind '{kind}'"),
            });
        }
        return faults;
    }

    /// <summary>The targets at <paramref name="path"/>; null for <c>all</c>.</summary>
    private static FaultTargets? Targets(ScenarioSpec spec, string path)
    {
        int[]? exclude = spec.Has(path + ".exclude") ? Ints(spec, path + ".exclude") : null;
        string? zone = spec.Has(path + ".zone") ? spec.Text(path + ".zone") : null;
        return spec.Text(path + ".by") switch
        {
            "ids" => new FaultTargets(Ids: Ints(spec, path + ".ids")),
            "count" => new FaultTargets(Count: spec.Int(path + ".count"), Exclude: exclude, Zone: zone),
            "fraction" => new FaultTargets(Fraction: spec.Real(path + ".fraction"), Exclude: exclude, Zone: zone),
            "zone" => new FaultTargets(Exclude: exclude, Zone: zone),
            _ => null,
        };
    }

    private static ChurnModel Churn(ScenarioSpec spec, string path)
    {
        bool leave = spec.Text(path + ".departure") == "leave";
        int[]? exclude = spec.Has(path + ".exclude") ? Ints(spec, path + ".exclude") : null;
        return spec.Text(path + ".model") == "weibull"
            ? new ChurnModel(true, Shape: spec.Real(path + ".shape"), ScaleUs: spec.DurationUs(path + ".scale"),
                DowntimeUs: spec.Has(path + ".downtime") ? spec.DurationUs(path + ".downtime") : null, Leave: leave, Exclude: exclude)
            : new ChurnModel(false, spec.Real(path + ".departures_per_s"), spec.Real(path + ".arrivals_per_s"), Leave: leave, Exclude: exclude);
    }

    private static int[] Ints(ScenarioSpec spec, string path) => spec.IntList(path).ToArray();

    private static long? Optional(ScenarioSpec spec, string path) => spec.Has(path) ? spec.DurationUs(path) : null;

    private static LinkDirection Direction(string text) => text switch
    {
        "out" => LinkDirection.Out,
        "in" => LinkDirection.In,
        _ => LinkDirection.Both,
    };

    /// <summary>
    /// A pause's wake order: as written, or the system's own. memberlist runs on Go, whose
    /// scheduler (runtime findRunnable) runs expired timers before it polls the network, so a
    /// woken node's probe deadline fires before the acks that waited; the JVM systems' timers and
    /// message handlers run on separate threads with no order between them, so arrival order.
    /// </summary>
    private static WakeOrder Wake(ScenarioSpec spec, string path) => spec.Has(path) ? spec.Text(path) switch
    {
        "timers_first" => WakeOrder.TimersFirst,
        "messages_first" => WakeOrder.MessagesFirst,
        _ => WakeOrder.Arrival,
    } : spec.Text("protocol.kind") == "swim" ? WakeOrder.TimersFirst : WakeOrder.Arrival;
}
