using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Tests.Heartbeat;

/// <summary>Small clusters on a scripted network, with the timeout detector: T_fail 5 s, T_cleanup 10 s, 1 s rounds.</summary>
public class HeartbeatScriptedTests
{
    private const long S = 1_000_000;
    private const long LatencyUs = 1_000;

    private static HeartbeatConfig Timeout(int nodes, int fanout, HeartbeatExchange exchange = HeartbeatExchange.Push) =>
        new(nodes, S, fanout, exchange, FailureDetectorSettings.Timeout(5 * S, 10 * S), [], HeartbeatSizes.Defaults());

    [TestCase(HeartbeatExchange.Push)]
    [TestCase(HeartbeatExchange.Digest)]
    public void Crash_TimeoutDetector_DeadBetweenTFailAndTFailPlusIntervalAfterLastArrival(HeartbeatExchange exchange)
    {
        var c = new HeartbeatCluster(Timeout(5, 4, exchange), (_, _, _) => LatencyUs);
        c.StartAll();
        c.Simulation.Run(10 * S + 300_000);
        c.Simulation.StopNode(4, NodeStatus.Crashed);
        long crashUs = c.Simulation.NowUs;
        c.Simulation.Run(30 * S);
        var (earliest, latest) = TimeoutDetector.FailureSilenceBounds(5 * S, S);
        for (int i = 0; i < 4; i++)
        {
            long last = c.Node(i).LastArrivalUs(4);
            Assert.That(last, Is.InRange(crashUs - S, crashUs + LatencyUs), $"node {i}: last heartbeat of the crashed node");
            var dead = c.Log.First(i, ObservationKind.MarkedDead, 4)!;
            Assert.That(dead.TimeUs - last, Is.InRange(earliest, latest), $"node {i}: silence at the death mark");
            var suspect = c.Log.First(i, ObservationKind.Suspected, 4)!;
            Assert.That(suspect.TimeUs - last, Is.InRange(5 * S / 2, 5 * S / 2 + S));
            var removed = c.Log.First(i, ObservationKind.Removed, 4)!;
            Assert.That(removed.TimeUs - last, Is.InRange(10 * S, 11 * S));
            Assert.That(c.Node(i).BeliefOf(4), Is.EqualTo(MemberBelief.Removed));
        }
        Assert.That(c.Log.All.Count(e => e.Kind == ObservationKind.MarkedDead && e.Subject != 4), Is.Zero);
        var detection = c.Hub.ClusterEvents!.Detections(c.Hub.ClusterEvents.Results(30 * S)).Single();
        Assert.That(detection.AllDeadUs, Is.InRange(5 * S - S, 6 * S + LatencyUs));
    }

    [Test]
    public void LostMessages_DirectLinkDown_GossipRelaysAndNobodySuspects()
    {
        // Everything node 2 sends to node 0 is lost for 8 s, far beyond T_fail; node 1 relays node 2's heartbeats.
        var c = new HeartbeatCluster(Timeout(3, 2), (from, to, now) =>
            from == 2 && to == 0 && now >= 4 * S && now < 12 * S ? null : LatencyUs);
        c.StartAll();
        c.Simulation.Run(20 * S);
        Assert.That(c.Log.All.Where(e => e.Kind != ObservationKind.MarkedAlive), Is.Empty);
        Assert.That(c.Node(0).HeartbeatOf(2), Is.GreaterThanOrEqualTo(c.Node(2).HeartbeatOf(2) - 1));
    }

    [Test]
    public void LateMessage_StaleHeartbeats_AreIgnored()
    {
        // One message from 1 to 0, sent in the round after 3 s, arrives 10 s late with heartbeats 0 has long passed.
        bool delayed = false;
        var c = new HeartbeatCluster(Timeout(3, 2), (from, to, now) =>
        {
            if (from != 1 || to != 0 || now < 3 * S || delayed) return LatencyUs;
            delayed = true;
            return 10 * S;
        });
        c.StartAll();
        c.Simulation.Run(20 * S);
        Assert.That(delayed);
        // Each member is marked alive once (first learned) and never changes state again.
        Assert.That(c.Log.All.Select(e => (e.Kind, e.Observer, e.Subject)).Distinct().Count(), Is.EqualTo(c.Log.All.Count));
        Assert.That(c.Log.All.All(e => e.Kind == ObservationKind.MarkedAlive));
    }

    [Test]
    public void Isolation_AllInboundLostForLongerThanTFail_DeadThenAliveAgain()
    {
        // Node 0 hears nothing from 5 s to 12 s: it convicts both peers, then recovers them on the next heartbeat.
        var c = new HeartbeatCluster(Timeout(3, 2), (_, to, now) => to == 0 && now >= 5 * S && now < 12 * S ? null : LatencyUs);
        c.StartAll();
        c.Simulation.Run(20 * S);
        foreach (int peer in new[] { 1, 2 })
        {
            var dead = c.Log.First(0, ObservationKind.MarkedDead, peer)!;
            Assert.That(dead.TimeUs, Is.InRange(5 * S - S + 5 * S, 5 * S + LatencyUs + 6 * S));
            var alive = c.Log.First(0, ObservationKind.MarkedAlive, peer, dead.TimeUs)!;
            Assert.That(alive.TimeUs, Is.InRange(12 * S, 13 * S + LatencyUs));
        }
        var fp = c.Hub.Views!.FalsePositives(20 * S);
        Assert.That((fp.Declarations, fp.Healthy), Is.EqualTo((2L, 2L)));
    }
}
