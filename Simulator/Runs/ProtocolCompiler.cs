using GossipSim.Scenarios;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Protocols.Rumor;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Runs;

/// <summary>Compiles <c>protocol.*</c> of a scenario point into the family's typed setup.</summary>
public static class ProtocolCompiler
{
    public static IProtocolSetup Compile(ScenarioSpec spec) => spec.Text("protocol.kind") switch
    {
        "heartbeat" => Heartbeat(spec),
        "swim" => Swim(spec),
        "akka" => Akka(spec),
        _ => Rumor(spec),
    };

    private static HeartbeatConfig Heartbeat(ScenarioSpec spec)
    {
        var detector = spec.Text("protocol.detector.kind") == "timeout"
            ? FailureDetectorSettings.Timeout(spec.DurationUs("protocol.detector.fail"), spec.DurationUs("protocol.detector.cleanup"))
            : new FailureDetectorSettings(DetectorKind.Phi,
                Model: spec.Text("protocol.detector.model") == "normal" ? PhiModel.Normal : PhiModel.Exponential,
                Threshold: spec.Real("protocol.detector.threshold"),
                Window: spec.Int("protocol.detector.window"),
                MinStdUs: spec.DurationUs("protocol.detector.min_std"),
                AcceptablePauseUs: spec.DurationUs("protocol.detector.acceptable_pause"));
        return new HeartbeatConfig(spec.Nodes, spec.DurationUs("protocol.interval"), spec.Int("protocol.fanout"),
            spec.Text("protocol.exchange") == "push" ? HeartbeatExchange.Push : HeartbeatExchange.Digest,
            detector, spec.IntList("protocol.seeds"),
            Sizes(spec, HeartbeatMessageType.Names, HeartbeatSizes.Defaults()),
            LocalPauseGuardUs: spec.DurationUs("protocol.local_pause_guard"),
            ReportUnknown: spec.Bool("protocol.report_unknown"),
            Echo: spec.Bool("protocol.echo"),
            AnnounceShutdown: spec.Bool("protocol.announce_shutdown"),
            QuarantineUs: spec.DurationUs("protocol.quarantine"),
            Transport: spec.Text("protocol.transport") == "tcp" ? HeartbeatTransport.Tcp : HeartbeatTransport.Udp,
            RingDelayUs: spec.DurationUs("protocol.ring_delay"));
    }

    /// <summary>Members at the start: <c>initial_nodes</c>, or every node.</summary>
    private static int InitialMembers(ScenarioSpec spec) => spec.Has("initial_nodes") ? spec.Int("initial_nodes") : spec.Nodes;

    /// <summary>The nodes a joining or restarted node contacts: <c>protocol.seeds</c>, or memberlist's first three.</summary>
    private static int[] SeedsOrDefault(ScenarioSpec spec) =>
        spec.IntList("protocol.seeds") is { Count: > 0 } seeds ? seeds.ToArray() : SwimConfig.DefaultSeeds(spec.Nodes);

    private static AkkaConfig Akka(ScenarioSpec spec)
    {
        return new AkkaConfig(
            NodeCount: spec.Nodes,
            InitialMembers: InitialMembers(spec),
            HeartbeatIntervalUs: spec.DurationUs("protocol.heartbeat_interval"),
            GossipIntervalUs: spec.DurationUs("protocol.gossip_interval"),
            MonitoredBy: spec.Int("protocol.monitored_by"),
            ExpectedResponseAfterUs: spec.DurationUs("protocol.expected_response_after"),
            Detector: new FailureDetectorSettings(DetectorKind.Phi, Model: PhiModel.Normal, Threshold: spec.Real("protocol.threshold"),
                Window: spec.Int("protocol.window"), MinStdUs: spec.DurationUs("protocol.min_std"), AcceptablePauseUs: spec.DurationUs("protocol.acceptable_pause")),
            Downing: spec.Text("protocol.downing") == "none" ? AkkaDowning.None : AkkaDowning.KeepMajority,
            StableAfterUs: spec.DurationUs("protocol.stable_after"),
            Seeds: SeedsOrDefault(spec),
            SeedNodeTimeoutUs: spec.DurationUs("protocol.seed_node_timeout"),
            RetryUnsuccessfulJoinAfterUs: spec.DurationOrOffUs("protocol.retry_unsuccessful_join_after"),
            WeaklyUpAfterUs: spec.DurationOrOffUs("protocol.allow_weakly_up_members"),
            PeriodicTasksInitialDelayUs: spec.DurationUs("protocol.periodic_tasks_initial_delay"),
            GossipTimeToLiveUs: spec.DurationUs("protocol.gossip_time_to_live"),
            LeaderActionsIntervalUs: spec.DurationUs("protocol.leader_actions_interval"));
    }

    private static SwimConfig Swim(ScenarioSpec spec)
    {
        return new SwimConfig(
            NodeCount: spec.Nodes,
            InitialMembers: InitialMembers(spec),
            ProbeIntervalUs: spec.DurationUs("protocol.probe_interval"),
            ProbeTimeoutUs: spec.DurationUs("protocol.probe_timeout"),
            IndirectProbes: spec.Int("protocol.indirect_probes"),
            SuspicionMult: spec.Int("protocol.suspicion_mult"),
            SuspicionMaxTimeoutMult: spec.Int("protocol.suspicion_max_timeout_mult"),
            RetransmitMult: spec.Int("protocol.retransmit_mult"),
            GossipIntervalUs: spec.DurationUs("protocol.gossip_interval"),
            GossipNodes: spec.Int("protocol.gossip_nodes"),
            GossipToTheDeadTimeUs: spec.DurationUs("protocol.gossip_to_the_dead_time"),
            PushPullIntervalUs: spec.DurationUs("protocol.push_pull_interval"),
            // A network MTU caps SWIM's packing too, so its UDP packets (with their IP, UDP and CRC
            // headers) are never fragmented (docs/network-and-faults.md).
            MtuBytes: spec.Has("network.mtu")
                ? Math.Min(spec.Int("protocol.mtu"), spec.Int("network.mtu") - WireOverhead.UdpIpBytes - MemberlistWire.CrcBytes)
                : spec.Int("protocol.mtu"),
            Seeds: SeedsOrDefault(spec),
            Lifeguard: new SwimLifeguard(spec.Bool("protocol.lifeguard.lha"), spec.Bool("protocol.lifeguard.lhs"),
                spec.Bool("protocol.lifeguard.buddy"), spec.Int("protocol.lifeguard.awareness_max")),
            TcpPings: spec.Bool("protocol.tcp_pings"))
        {
            Compression = spec.Bool("protocol.compression"),
            Sealing = new MemberlistSealing(spec.Bool("protocol.encryption"), spec.Has("protocol.label") ? spec.Text("protocol.label").Length : 0),
            TcpTimeoutUs = spec.DurationUs("protocol.tcp_timeout"),
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
            Sizes(spec, RumorMessageType.Names, RumorSizes.Defaults()),
            CounterReset: spec.Has("protocol.stop.reset") && spec.Bool("protocol.stop.reset"));
    }

    /// <summary>
    /// Applies <c>network.sizes.TYPE</c> overrides to a protocol's default message sizes. The schema
    /// has held every TYPE to the protocol's message types (NetworkSection).
    /// </summary>
    private static MessageSize[] Sizes(ScenarioSpec spec, IReadOnlyList<string> typeNames, MessageSize[] defaults)
    {
        if (!spec.Has("network.sizes")) return defaults;
        foreach (string type in spec.Keys("network.sizes"))
        {
            int index = typeNames.ToList().IndexOf(type);
            string path = "network.sizes." + type;
            // Overrides give payload bytes; the transport and its headers stay the protocol's.
            defaults[index] = defaults[index] with
            {
                HeaderBytes = spec.Has(path + ".header") ? spec.Int(path + ".header") : defaults[index].HeaderBytes,
                ItemBytes = spec.Has(path + ".item") ? spec.Int(path + ".item") : defaults[index].ItemBytes,
            };
        }
        return defaults;
    }

}
