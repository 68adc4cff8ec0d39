using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Presets;

/// <summary>
/// Named protocol settings of real systems (<c>protocol: {preset: memberlist-lan}</c>). A preset
/// expands into ordinary protocol keys before validation, and keys written beside it win, so a
/// user can take a preset and override single fields. Every value cites docs/references.md.
/// </summary>
internal static class ProtocolPresets
{
    private const string Key = "preset";

    /// <summary>The key path of a preset, as --set and sweeps name it.</summary>
    public const string KeyPath = "protocol." + Key;

    public static readonly IReadOnlyDictionary<string, string> Yaml = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        // docs/references.md §1, memberlist DefaultLANConfig. The swim keys' defaults are that
        // configuration (SwimProtocolSchema holds each value, with its source), so the preset names
        // the kind and repeats nothing: the values live in one place.
        ["memberlist-lan"] = "{kind: swim}",
        // docs/references.md §1, DefaultWANConfig: 5 s / 3 s, IndirectChecks 3, SuspicionMult 6, max mult 6,
        // RetransmitMult 4, GossipInterval 500 ms, GossipNodes 4, GossipToTheDeadTime and PushPullInterval 60 s, TCPTimeout 30 s.
        ["memberlist-wan"] = "{kind: swim, probe_interval: 5s, probe_timeout: 3s, indirect_probes: 3, suspicion_mult: 6, " +
            "suspicion_max_timeout_mult: 6, retransmit_mult: 4, gossip_interval: 500ms, gossip_nodes: 4, gossip_to_the_dead_time: 60s, " +
            "push_pull_interval: 60s, tcp_timeout: 30s, mtu: 1400, lifeguard: {lha: true, lhs: true, buddy: true, awareness_max: 8}}",
        // docs/references.md §2, Cassandra gms: a round every 1000 ms to 1 random live endpoint plus the
        // unreachable/seed extras, 3-message digest exchange, phi with the exponential model,
        // phi_convict_threshold 8, window 1000, every gossip verb on the internode TCP connection
        // (Verb GOSSIP_DIGEST_SYN/ACK/ACK2, priority P0: the urgent connection); seeds are a handful of nodes (here ids 0-2); the
        // local pause guard of 5 s, ECHO before marking up, a plain stop announced
        // (GOSSIP_SHUTDOWN), a member that left quarantined 60 s (QUARANTINE_DELAY), and a decommission that gossips its
        // STATUS LEFT for RING_DELAY, 30 s, before it stops (StorageService.leaveRing). A member's first state opens its
        // arrival window (report_unknown's default), as Gossiper.applyStateLocally reports a new endpoint.
        ["cassandra"] = "{kind: heartbeat, interval: 1s, fanout: 1, exchange: digest, transport: tcp, seeds: [0, 1, 2], " +
            "detector: {kind: phi, model: exponential, threshold: 8, window: 1000}, local_pause_guard: 5s, echo: true, announce_shutdown: true, quarantine: 60s, " +
            "ring_delay: 30s}",
        // docs/references.md §3, akka-cluster reference.conf: heartbeat-interval and gossip-interval
        // 1 s, monitored-by-nr-of-members 9, expected-response-after 1 s, threshold 8.0,
        // max-sample-size 1000, min-std-deviation 100 ms, acceptable-heartbeat-pause 3 s; the split
        // brain resolver's keep-majority with stable-after 20 s (Akka itself downs nobody by default);
        // seed-node-timeout 5 s, retry-unsuccessful-join-after 10 s, allow-weakly-up-members 7 s,
        // periodic-tasks-initial-delay 1 s, gossip-time-to-live 2 s, leader-actions-interval 1 s.
        ["akka"] = "{kind: akka, heartbeat_interval: 1s, gossip_interval: 1s, gossip_time_to_live: 2s, monitored_by: 9, expected_response_after: 1s, " +
            "threshold: 8, window: 1000, min_std: 100ms, acceptable_pause: 3s, downing: keep-majority, stable_after: 20s, leader_actions_interval: 1s, " +
            "seed_node_timeout: 5s, retry_unsuccessful_join_after: 10s, allow_weakly_up_members: 7s, periodic_tasks_initial_delay: 1s}",
        // Akka's phi detector over Cassandra-style heartbeat gossip: heartbeats ride on digest
        // gossip to one random peer a round and every node judges every node. Not how Akka works;
        // kept to show what the detector does with gossip-paced arrivals.
        ["phi-over-gossip"] = "{kind: heartbeat, interval: 1s, fanout: 1, exchange: digest, " +
            "detector: {kind: phi, model: normal, threshold: 8, window: 1000, min_std: 100ms, acceptable_pause: 3s}}",
    };

    /// <summary>
    /// Expands <c>protocol.preset</c> in a scenario (or the defaults) in place: the preset's keys
    /// first, the keys written beside it over them.
    /// </summary>
    public static void ExpandIn(RawMap scenario, ErrorSink errors)
    {
        if (scenario.Find("protocol") is { Value: RawMap protocol } entry) scenario.Set("protocol", entry.KeyAt, Expanded(protocol, errors));
    }

    /// <summary>
    /// A protocol map with its preset expanded (the preset's keys first, the keys written beside it
    /// over them), or the map itself when it names no preset.
    /// </summary>
    public static RawMap Expanded(RawMap protocol, ErrorSink errors)
    {
        if (protocol.Find(Key) is not { } preset) return protocol;
        var written = (RawMap)protocol.Clone();
        written.Remove(Key);
        // An unknown preset is reported once; without the key the rest of the protocol map is still checked.
        if (Resolve(preset, errors) is not RawMap presetMap) return written;
        // The merged map keeps the place of the map the user wrote, not the preset's: an error on
        // the protocol as a whole is about what the user wrote there.
        var merged = (RawMap)DeepMerge.Merge(presetMap, written, null);
        return new RawMap(protocol.At, merged.Entries);
    }

    private static RawNode? Resolve(RawEntry preset, ErrorSink errors)
    {
        string path = "protocol." + Key;
        if (preset.Value is not RawScalar { IsNull: false } name || !Yaml.TryGetValue(name.Text, out string? yaml))
        {
            string given = preset.Value is RawScalar s ? s.Text : preset.Value.Describe();
            errors.Add(preset.Value.At, path, $"unknown preset '{given}'; presets: {string.Join(", ", Yaml.Keys)}{Suggest.Hint(given, Yaml.Keys)}");
            return null;
        }
        // Every value of the preset is placed at the preset: key that brought it in, so an error on
        // one (a seed id past the scenario's nodes) names the user's file and line and says which preset.
        var at = preset.KeyAt with { From = $"preset '{name.Text}'" };
        return YamlReader.Read(yaml, at.File, errors, _ => at, path);
    }
}
