namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// Keys of <c>protocol.kind: swim</c>: SWIM in hashicorp/memberlist's form with Lifeguard
/// (docs/references.md §1, §4, §5). Defaults are memberlist's DefaultLANConfig.
/// </summary>
internal static class SwimProtocolSchema
{
    public const string Kind = "swim";

    public static MapKey Create() => new(
        new Field("probe_interval", new DurationKey(true, "1s") { Doc = "one member probed per interval (memberlist LAN 1 s)" }),
        new Field("probe_timeout", new DurationKey(true, "500ms") { Doc = "wait for a direct ack before asking helpers (LAN 500 ms)" }),
        new Field("indirect_probes", new IntKey(min: 0, @default: 3) { Doc = "ping-req helpers k (IndirectChecks, LAN 3)" }),
        new Field("suspicion_mult", new IntKey(min: 1, @default: 4) { Doc = "suspicion timeout = mult x max(1, log10 n) x probe_interval (LAN 4)" }),
        new Field("suspicion_max_timeout_mult", new IntKey(min: 1, @default: 6) { Doc = "Lifeguard: the timeout starts at this multiple of the minimum (LAN 6)" }),
        new Field("retransmit_mult", new IntKey(min: 1, @default: 4) { Doc = "each update is sent mult x ceil(log10(n+1)) times (LAN 4)" }),
        new Field("gossip_interval", new DurationKey(true, "200ms") { Doc = "periodic gossip round (LAN 200 ms)" }),
        new Field("gossip_nodes", new IntKey(min: 0, @default: 3) { Doc = "peers per gossip round (LAN 3)" }),
        new Field("gossip_to_the_dead_time", new DurationKey(false, "30s") { Doc = "dead members still gossiped to this long (LAN 30 s)" }),
        new Field("push_pull_interval", new DurationKey(true, "30s") { Doc = "full state sync with one random member, scaled up for n > 32 (LAN 30 s)" }),
        new Field("mtu", new IntKey(min: 64, @default: 1400) { Doc = "bytes of one packet: piggybacked updates are packed up to this (UDPBufferSize 1400)" }),
        new Field("tcp_pings", new BoolKey(true) { Doc = "a failed probe also pings the target over TCP (memberlist DisableTcpPings false)" }),
        new Field("tcp_timeout", new DurationKey(true, "10s") { Doc = "a push-pull's TCP dial waits this long for an answer; a failed dial costs its SYNs (TCPTimeout, LAN 10 s)" }),
        new Field("compression", new BoolKey(true) { Doc = "LZW-compress packets when smaller and push-pull streams always (EnableCompression, default true); sizes only" }),
        new Field("encryption", new BoolKey(false) { Doc = "gossip encryption (a SecretKey, AES-GCM): 29 bytes more a packet and 34 a stream message, 29 fewer for broadcasts in a packet; sizes only" }),
        new Field("label", new TextKey(@"^[ -~]{1,255}$", "1 to 255 printable ASCII characters") { Doc = "cluster label (Label): 2 bytes plus its length before every packet and every stream a node dials; absent = none; sizes only" }),
        new Field("seeds", new ListKey(new IntKey(min: 0), absentIsEmpty: true) { Doc = "node ids a joining or restarted node contacts (< nodes); empty = nodes 0, 1, 2" }),
        new Field("lifeguard", new MapKey(
            new Field("lha", new BoolKey(true) { Doc = "local health awareness: stretch probe interval and deadline by the health score" }),
            new Field("lhs", new BoolKey(true) { Doc = "dynamic suspicion timeout falling from max to min with confirmations" }),
            new Field("buddy", new BoolKey(true) { Doc = "tell a suspect it is suspected in the probe itself" }),
            new Field("awareness_max", new IntKey(min: 1, @default: 8) { Doc = "largest multiplier of the probe interval (AwarenessMaxMultiplier 8)" }))
        { Doc = "Lifeguard (Dadgar et al. 2018); memberlist has all three on" }));
}
