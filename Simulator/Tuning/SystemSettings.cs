using System.Globalization;
using GossipSim.Scenarios;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// A tuned scenario's protocol as the real system's configuration, for the protocols that
/// model one: SWIM as hashicorp/memberlist's Config fields and Consul's <c>gossip_lan</c>
/// block, phi-accrual heartbeat gossip as cassandra.yaml. Lines are YAML comments, ready to be
/// written at the top of recommended.yaml.
/// </summary>
public static class SystemSettings
{
    public static IReadOnlyList<string> For(ScenarioSpec spec) => spec.Text("protocol.kind") switch
    {
        "swim" => Memberlist(spec),
        "heartbeat" when spec.Has("protocol.detector.threshold") => Cassandra(spec),
        _ => [],
    };

    private static List<string> Memberlist(ScenarioSpec spec)
    {
        string Go(string path) => GoDuration(spec.DurationUs("protocol." + path));
        string Int(string path) => spec.Int("protocol." + path).ToString(CultureInfo.InvariantCulture);
        string Consul(string path) => DurationText.Format(spec.DurationUs("protocol." + path));
        return
        [
            "hashicorp/memberlist (Go), starting from memberlist.DefaultLANConfig():",
            $"  config.ProbeInterval = {Go("probe_interval")}",
            $"  config.ProbeTimeout = {Go("probe_timeout")}",
            $"  config.IndirectChecks = {Int("indirect_probes")}",
            $"  config.SuspicionMult = {Int("suspicion_mult")}",
            $"  config.SuspicionMaxTimeoutMult = {Int("suspicion_max_timeout_mult")}",
            $"  config.RetransmitMult = {Int("retransmit_mult")}",
            $"  config.GossipInterval = {Go("gossip_interval")}",
            $"  config.GossipNodes = {Int("gossip_nodes")}",
            $"  config.GossipToTheDeadTime = {Go("gossip_to_the_dead_time")}",
            $"  config.PushPullInterval = {Go("push_pull_interval")}",
            "Consul agent configuration (HCL):",
            "  gossip_lan {",
            $"    gossip_nodes    = {Int("gossip_nodes")}",
            $"    gossip_interval = \"{Consul("gossip_interval")}\"",
            $"    probe_interval  = \"{Consul("probe_interval")}\"",
            $"    probe_timeout   = \"{Consul("probe_timeout")}\"",
            $"    retransmit_mult = {Int("retransmit_mult")}",
            $"    suspicion_mult  = {Int("suspicion_mult")}",
            "  }",
        ];
    }

    private static List<string> Cassandra(ScenarioSpec spec)
    {
        var lines = new List<string>
        {
            "Cassandra, cassandra.yaml:",
            $"  phi_convict_threshold: {spec.Real("protocol.detector.threshold").ToString("R", CultureInfo.InvariantCulture)}",
        };
        long intervalUs = spec.DurationUs("protocol.interval");
        if (intervalUs != 1_000_000 || spec.Int("protocol.fanout") != 1)
            lines.Add($"  (no setting for the gossip round: Cassandra gossips once a second to one live peer; this scenario uses {DurationText.Format(intervalUs)} and fanout {spec.Int("protocol.fanout")})");
        return lines;
    }

    private static string GoDuration(long us) =>
        us % 1_000_000 == 0 ? $"{us / 1_000_000} * time.Second"
        : us % 1000 == 0 ? $"{us / 1000} * time.Millisecond"
        : $"{us} * time.Microsecond";
}
