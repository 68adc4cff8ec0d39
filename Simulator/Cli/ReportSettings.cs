using GossipSim.Analysis;
using GossipSim.Scenarios;

namespace GossipSim.Simulator.Cli;

/// <summary>The protocol settings a report needs for its theory lines, read from each scenario's first point.</summary>
public static class ReportSettings
{
    public static ReportInputs From(IEnumerable<ScenarioSpec> points)
    {
        var settings = new Dictionary<string, ScenarioSettings>(StringComparer.Ordinal);
        foreach (var p in points)
        {
            if (settings.ContainsKey(p.Name)) continue;
            settings[p.Name] = new ScenarioSettings
            {
                Kind = p.Text("protocol.kind"),
                Mode = p.Has("protocol.mode") ? p.Text("protocol.mode") : null,
                Fanout = p.Has("protocol.fanout") ? p.Int("protocol.fanout") : p.Has("protocol.gossip_nodes") ? p.Int("protocol.gossip_nodes") : null,
                IntervalS = p.Has("protocol.interval") ? p.DurationUs("protocol.interval") / 1e6
                    : p.Has("protocol.gossip_interval") ? p.DurationUs("protocol.gossip_interval") / 1e6 : null,
                ProbeIntervalS = p.Has("protocol.probe_interval") ? p.DurationUs("protocol.probe_interval") / 1e6 : null,
                PhiThreshold = p.Has("protocol.detector.threshold") ? p.Real("protocol.detector.threshold") : null,
                Loss = p.Has("network.loss") ? p.Real("network.loss") : null,
                Faults = Faults(p),
            };
        }
        return new ReportInputs { Settings = settings };
    }

    /// <summary>Each fault's start and, when it lasts (<c>for</c> or <c>until</c>), its end, for the time plots' marks.</summary>
    private static List<FaultWindow> Faults(ScenarioSpec p)
    {
        var faults = new List<FaultWindow>();
        int count = p.Has("faults") ? p.Count("faults") : 0;
        for (int i = 0; i < count; i++)
        {
            string f = $"faults[{i}]";
            double at = p.DurationUs(f + ".at") / 1e6;
            double? end = p.Has(f + ".until") ? p.DurationUs(f + ".until") / 1e6
                : p.Has(f + ".for") ? at + p.DurationUs(f + ".for") / 1e6 : null;
            faults.Add(new FaultWindow(p.Text(f + ".kind"), at, end));
        }
        return faults;
    }
}
