using GossipSim.Scenarios;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Scenarios;

/// <summary>
/// The presets against the published defaults they name (docs/references.md §1-§3), and every
/// other path to the same settings against the preset, so a value changed in one place fails here
/// instead of giving users and tests different clusters.
/// </summary>
public class PresetDriftTests
{
    private const long Ms = 1_000, S = 1_000_000;
    private const int Nodes = 50;

    private static IProtocolSetup Compile(string protocol) => ProtocolCompiler.Compile(ScenarioLoader.Parse(
        $"scenarios:\n  - name: a\n    nodes: {Nodes}\n    protocol: {protocol}\n", "drift.yaml").Points.Single());

    // Seeds are an array, which a record compares by reference; every path below gives the default seeds.
    private static SwimConfig WithoutSeeds(SwimConfig c)
    {
        Assert.That(c.Seeds, Is.EqualTo(SwimConfig.DefaultSeeds(Nodes)));
        return c with { Seeds = [] };
    }

    [Test]
    public void MemberlistLan_Preset_IsDefaultLanConfig()
    {
        var c = (SwimConfig)Compile("{preset: memberlist-lan}");
        // memberlist config.go DefaultLANConfig, column LAN of docs/references.md §1.
        Assert.Multiple(() =>
        {
            Assert.That(c.ProbeIntervalUs, Is.EqualTo(1 * S));
            Assert.That(c.ProbeTimeoutUs, Is.EqualTo(500 * Ms));
            Assert.That(c.IndirectProbes, Is.EqualTo(3));
            Assert.That(c.SuspicionMult, Is.EqualTo(4));
            Assert.That(c.SuspicionMaxTimeoutMult, Is.EqualTo(6));
            Assert.That(c.RetransmitMult, Is.EqualTo(4));
            Assert.That(c.GossipIntervalUs, Is.EqualTo(200 * Ms));
            Assert.That(c.GossipNodes, Is.EqualTo(3));
            Assert.That(c.GossipToTheDeadTimeUs, Is.EqualTo(30 * S));
            Assert.That(c.PushPullIntervalUs, Is.EqualTo(30 * S));
            Assert.That(c.MtuBytes, Is.EqualTo(1400));
            Assert.That(c.TcpTimeoutUs, Is.EqualTo(10 * S));
            Assert.That(c.Lifeguard, Is.EqualTo(new SwimLifeguard(Lha: true, Lhs: true, Buddy: true, AwarenessMax: 8)));
        });
    }

    [Test]
    public void MemberlistLan_SwimDefaultsAndPresetConfigs_AreThePreset()
    {
        var preset = WithoutSeeds((SwimConfig)Compile("{preset: memberlist-lan}"));
        Assert.That(WithoutSeeds((SwimConfig)Compile("{kind: swim}")), Is.EqualTo(preset), "kind: swim's defaults");
        Assert.That(WithoutSeeds(PresetConfigs.MemberlistLan(Nodes)), Is.EqualTo(preset), "the configuration tests run");
    }

    [Test]
    public void MemberlistWan_Preset_IsDefaultWanConfig()
    {
        var lan = WithoutSeeds((SwimConfig)Compile("{preset: memberlist-lan}"));
        var wan = WithoutSeeds((SwimConfig)Compile("{preset: memberlist-wan}"));
        // DefaultWANConfig is DefaultLANConfig with these fields changed (column WAN of §1).
        Assert.That(wan, Is.EqualTo(lan with
        {
            ProbeIntervalUs = 5 * S,
            ProbeTimeoutUs = 3 * S,
            SuspicionMult = 6,
            GossipIntervalUs = 500 * Ms,
            GossipNodes = 4,
            GossipToTheDeadTimeUs = 60 * S,
            PushPullIntervalUs = 60 * S,
            TcpTimeoutUs = 30 * S,
        }));
    }

    [Test]
    public void Cassandra_Preset_IsGmsDefaults_AndMatchesTheDetectorTestsUse()
    {
        var c = (HeartbeatConfig)Compile("{preset: cassandra}");
        // Cassandra gms (§2): a round a second to one live endpoint, digest exchange, exponential phi 8, window 1000.
        Assert.That((c.IntervalUs, c.Fanout, c.Exchange), Is.EqualTo((1 * S, 1, HeartbeatExchange.Digest)));
        // Every gossip verb goes through MessagingService on the internode TCP connection (§2).
        Assert.That(c.Transport, Is.EqualTo(HeartbeatTransport.Tcp));
        // A decommission gossips its STATUS LEFT for max(RING_DELAY 30 s, 2 rounds) before it stops (§2, StorageService.leaveRing).
        Assert.That((c.RingDelayUs, c.LeaveGossipUs), Is.EqualTo((30 * S, 30 * S)));
        Assert.That(c.Detector, Is.EqualTo(new FailureDetectorSettings(DetectorKind.Phi, Model: PhiModel.Exponential, Threshold: 8, Window: 1000,
            MinStdUs: c.Detector.MinStdUs, AcceptablePauseUs: c.Detector.AcceptablePauseUs)));
        Assert.That(c.Detector with { MinStdUs = 0, AcceptablePauseUs = 0 },
            Is.EqualTo(FailureDetectorSettings.Cassandra() with { MinStdUs = 0, AcceptablePauseUs = 0 }),
            "the exponential model reads neither min_std nor acceptable_pause");
    }

    [Test]
    public void Akka_Preset_IsReferenceConf()
    {
        var c = (AkkaConfig)Compile("{preset: akka}");
        // akka-cluster reference.conf (§3): heartbeat-interval and gossip-interval 1 s,
        // monitored-by-nr-of-members 9, expected-response-after 1 s, phi threshold 8,
        // max-sample-size 1000, min-std-deviation 100 ms, acceptable-heartbeat-pause 3 s; the split
        // brain resolver's keep-majority with stable-after 20 s.
        Assert.That((c.HeartbeatIntervalUs, c.GossipIntervalUs, c.MonitoredBy, c.ExpectedResponseAfterUs), Is.EqualTo((1 * S, 1 * S, 9, 1 * S)));
        Assert.That(c.Detector, Is.EqualTo(new FailureDetectorSettings(DetectorKind.Phi, Model: PhiModel.Normal, Threshold: 8, Window: 1000,
            MinStdUs: 100 * Ms, AcceptablePauseUs: 3 * S)));
        Assert.That((c.Downing, c.StableAfterUs), Is.EqualTo((AkkaDowning.KeepMajority, 20 * S)));
        // seed-node-timeout 5 s, retry-unsuccessful-join-after 10 s, allow-weakly-up-members 7 s,
        // periodic-tasks-initial-delay 1 s; gossip-time-to-live 2 s.
        Assert.That((c.SeedNodeTimeoutUs, c.RetryUnsuccessfulJoinAfterUs, c.WeaklyUpAfterUs, c.PeriodicTasksInitialDelayUs),
            Is.EqualTo((5 * S, (long?)(10 * S), (long?)(7 * S), 1 * S)));
        Assert.That(c.GossipTimeToLiveUs, Is.EqualTo(2 * S));
        // leader-actions-interval 1 s.
        Assert.That(c.LeaderActionsIntervalUs, Is.EqualTo(1 * S));
        Assert.That(PresetConfigs.Akka(Nodes) with { Seeds = c.Seeds }, Is.EqualTo(c), "PresetConfigs.Akka gives the preset");
    }

    [Test]
    public void Akka_JoinKeys_ReachTheConfig_OffAsNoValue()
    {
        var c = (AkkaConfig)Compile("{preset: akka, seed_node_timeout: 3s, retry_unsuccessful_join_after: off, allow_weakly_up_members: off, periodic_tasks_initial_delay: 0s}");
        Assert.That((c.SeedNodeTimeoutUs, c.RetryUnsuccessfulJoinAfterUs, c.WeaklyUpAfterUs, c.PeriodicTasksInitialDelayUs), Is.EqualTo((3 * S, (long?)null, (long?)null, 0L)));
        c = (AkkaConfig)Compile("{preset: akka, retry_unsuccessful_join_after: 4s, allow_weakly_up_members: 1500ms, leader_actions_interval: 3s}");
        Assert.That((c.RetryUnsuccessfulJoinAfterUs, c.WeaklyUpAfterUs, c.LeaderActionsIntervalUs), Is.EqualTo(((long?)(4 * S), (long?)(1500 * Ms), 3 * S)));
    }

    [Test]
    public void PhiOverGossip_Preset_IsAkkasDetectorOnHeartbeatGossip()
    {
        var c = (HeartbeatConfig)Compile("{preset: phi-over-gossip}");
        Assert.That((c.IntervalUs, c.Fanout), Is.EqualTo((1 * S, 1)));
        // Not a system that exists, so it keeps the heartbeat kind's datagrams.
        Assert.That(c.Transport, Is.EqualTo(HeartbeatTransport.Udp));
        Assert.That(c.Detector, Is.EqualTo(new FailureDetectorSettings(DetectorKind.Phi, Model: PhiModel.Normal, Threshold: 8, Window: 1000,
            MinStdUs: 100 * Ms, AcceptablePauseUs: 3 * S)));
    }
}
