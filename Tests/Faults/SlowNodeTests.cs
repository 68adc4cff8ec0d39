using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;

namespace GossipSim.Tests.Faults;

public class SlowNodeTests
{
    private const long Ms = 1_000;

    [Test]
    public void Slow_BurstOfMessages_HandledOneServiceTimeApartInArrivalOrderTimersOnTime()
    {
        var c = new ProbeCluster(2, latencyUs: 1 * Ms);
        var sim = c.Simulation;
        sim.SlowNode(1, serviceUs: 10 * Ms, capacity: 100);
        for (int v = 1; v <= 3; v++) c.Node(0).SendTo(1, v);
        c.Node(1).Timer(5 * Ms, tag: 77);
        sim.Run(100 * Ms);
        // Arrive at 1 ms; handled at 11, 21, 31 ms; the timer fires at 5 ms regardless.
        Assert.That(c.Handled, Is.EqualTo(new[]
        {
            (5 * Ms, 1, "timer", 77L), (11 * Ms, 1, "msg", 1L), (21 * Ms, 1, "msg", 2L), (31 * Ms, 1, "msg", 3L),
        }));
    }

    [Test]
    public void QueueWait_IsTheTimeBeforeTheMessagesTurn_OnASlowNodeOnly_NotForAPause()
    {
        // Three messages reach slow node 1 at 1 ms and their turns begin at 1, 11 and 21 ms; node 2,
        // paused while messages reach it at 1, 4 and 8 ms, reads them on waking, none queued.
        var c = new ProbeCluster(2, latencyUs: 1 * Ms);
        c.Simulation.SlowNode(1, serviceUs: 10 * Ms, capacity: 100);
        for (int v = 1; v <= 3; v++) c.Node(0).SendTo(1, v);
        c.Simulation.Run(100 * Ms);
        Assert.That(c.Node(1).QueueWaits, Is.EqualTo(new[] { 0, 10 * Ms, 20 * Ms }));
        var paused = ProbeCluster.PausedWhileWorkArrives(WakeOrder.TimersFirst);
        paused.Simulation.ResumeNode(2);
        paused.Simulation.Run(30 * Ms);
        Assert.That(paused.Node(2).QueueWaits, Is.EqualTo(new long[] { 0, 0, 0 }));
    }

    [Test]
    public void Slow_QueueFull_LaterArrivalsDroppedAndCounted()
    {
        var c = new ProbeCluster(2);
        c.Simulation.SlowNode(1, serviceUs: 10 * Ms, capacity: 2);
        for (int v = 1; v <= 5; v++) c.Node(0).SendTo(1, v);
        c.Simulation.Run(100 * Ms);
        Assert.That(c.Handled.Select(h => h.Value), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(c.Simulation.SlowDrops, Is.EqualTo(3));
    }

    [Test]
    public void Slow_Ended_BacklogStillInOrderThenMessagesAtOnce()
    {
        var c = new ProbeCluster(2, latencyUs: 1 * Ms);
        var sim = c.Simulation;
        sim.SlowNode(1, serviceUs: 10 * Ms, capacity: 100);
        c.Node(0).SendTo(1, 1);
        c.Node(0).SendTo(1, 2);
        sim.Run(5 * Ms);
        sim.UnslowNode(1, 10 * Ms, 100);
        c.Node(0).SendTo(1, 3);   // arrives at 6 ms, behind the backlog (done at 21 ms)
        sim.Run(50 * Ms);
        c.Node(0).SendTo(1, 4);   // queue drained: handled on arrival
        sim.Run(100 * Ms);
        Assert.That(c.Handled.Select(h => (h.TimeUs, h.Value)), Is.EqualTo(new[] { (11 * Ms, 1L), (21 * Ms, 2L), (21 * Ms, 3L), (51 * Ms, 4L) }));
    }

    [Test]
    public void SlowFault_FactorTimesHandling_AppliedToTargetsAndLiftedAtEnd()
    {
        var c = new ProbeCluster(4, latencyUs: 1 * Ms);
        TimelineDriver.Attach(c.Simulation, [new SlowFault(0, FaultTargets.Of(2), Factor: 20, HandlingUs: 500, ForUs: 30 * Ms)], 1_000 * Ms);
        c.Simulation.Run(1);
        c.Node(0).SendTo(2, 1);
        c.Node(0).SendTo(3, 2);
        c.Simulation.Run(40 * Ms);
        c.Node(0).SendTo(2, 3);
        c.Simulation.Run(100 * Ms);
        // 20 x 0.5 ms = 10 ms per message while slow; node 3 is not slow; after 30 ms node 2 is not either.
        Assert.That(c.Handled.Select(h => (h.TimeUs, h.Node)), Is.EqualTo(new[] { (1 * Ms + 1, 3), (11 * Ms + 1, 2), (41 * Ms, 2) }));
    }

    [Test]
    public void SlowFault_NodeCrashesAndRestartsInItsWindow_RestartedProcessSlowQueueOfTheOldOneDropped()
    {
        // Node 2 is slow (10 x 1 ms) for [0, 100 ms]; it crashes at 5 ms and restarts at 6 ms. The two
        // messages queued at 1 ms died with the old process (their turns, 11 and 21 ms, handle
        // nothing); the restarted process is as slow as the machine it runs on until 100 ms
        // (message 3 arrives at 31 ms, handled at 41 ms), after which message 4 is handled on arrival.
        var c = new ProbeCluster(3, latencyUs: 1 * Ms);
        TimelineDriver.Attach(c.Simulation,
            [new SlowFault(0, FaultTargets.Of(2), Factor: 10, HandlingUs: 1 * Ms, ForUs: 100 * Ms), new CrashFault(5 * Ms, FaultTargets.Of(2), ForUs: 1 * Ms)],
            1_000 * Ms);
        c.Simulation.Run(1);
        c.Node(0).SendTo(2, 1);
        c.Node(1).SendTo(2, 2);
        c.Simulation.Run(30 * Ms);
        Assert.That(c.Simulation.Status[2], Is.EqualTo(NodeStatus.Up));
        Assert.That(c.Simulation.IsSlow(2), Is.True);
        c.Node(0).SendTo(2, 3);
        c.Simulation.Run(150 * Ms);
        Assert.That(c.Simulation.IsSlow(2), Is.False);
        c.Node(0).SendTo(2, 4);
        c.Simulation.Run(200 * Ms);
        Assert.That(c.Handled.Select(h => (h.TimeUs, h.Node, h.Value)), Is.EqualTo(new[] { (41 * Ms, 2, 3L), (151 * Ms, 2, 4L) }));
    }

    [Test]
    public void Slow_CrashWhileQueued_QueuedMessagesNotHandled()
    {
        var c = new ProbeCluster(2, latencyUs: 1 * Ms);
        c.Simulation.SlowNode(1, serviceUs: 10 * Ms, capacity: 10);
        c.Node(0).SendTo(1, 1);
        c.Simulation.Run(5 * Ms);
        c.Simulation.StopNode(1, NodeStatus.Crashed);
        c.Simulation.Run(50 * Ms);
        Assert.That(c.Handled, Is.Empty);
    }
}
