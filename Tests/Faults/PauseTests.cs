using GossipSim.Simulator.Engine;

namespace GossipSim.Tests.Faults;

public class PauseTests
{
    private const long Ms = 1_000;

    [Test]
    public void Pause_MessagesAndTimersDuringPause_NoneHandledThenAllInArrivalOrderAtResume()
    {
        var c = ProbeCluster.PausedWhileWorkArrives(WakeOrder.Arrival);
        var sim = c.Simulation;
        Assert.That(c.Handled, Is.Empty, "a paused node handles nothing");
        Assert.That(sim.Status[2], Is.EqualTo(NodeStatus.Paused));

        sim.ResumeNode(2);
        // Arrivals at 1 ms (msg 1), 4 ms (msg 2), the timer due at 5 ms, 8 ms (msg 3): that order, all at resume time.
        Assert.That(c.Handled, Is.EqualTo(new[]
        {
            (20 * Ms, 2, "msg", 1L), (20 * Ms, 2, "msg", 2L), (20 * Ms, 2, "timer", 100L), (20 * Ms, 2, "msg", 3L),
        }));
        c.Node(0).SendTo(2, 4);
        sim.Run(30 * Ms);
        Assert.That(c.Handled[^1], Is.EqualTo((21 * Ms, 2, "msg", 4L)), "after resume, messages are handled on arrival");
    }

    [Test]
    public void Pause_BufferFull_LaterArrivalsDroppedAndCounted()
    {
        var c = new ProbeCluster(2);
        c.Simulation.PauseNode(1, bufferCapacity: 2);
        for (int v = 1; v <= 5; v++) c.Node(0).SendTo(1, v);
        c.Simulation.Run(10 * Ms);
        c.Simulation.ResumeNode(1);
        Assert.That(c.Handled.Select(h => h.Value), Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(c.Simulation.PauseDrops, Is.EqualTo(3));
    }

    [Test]
    public void Pause_CrashWhilePaused_HeldEventsDiscardedNothingHandled()
    {
        var c = new ProbeCluster(2);
        c.Simulation.PauseNode(1, bufferCapacity: 8);
        c.Node(0).SendTo(1, 1);
        c.Simulation.Run(10 * Ms);
        c.Simulation.StopNode(1, NodeStatus.Crashed);
        c.Simulation.ResumeNode(1);
        c.Simulation.Run(20 * Ms);
        Assert.That(c.Handled, Is.Empty);
        Assert.That(c.Simulation.Status[1], Is.EqualTo(NodeStatus.Crashed));
    }
}
