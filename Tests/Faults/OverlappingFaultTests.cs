using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Faults;

/// <summary>Faults that meet on one node: named ids obey the candidate rule, and overlapping lasting faults end with the last of them.</summary>
public class OverlappingFaultTests
{
    private const long S = 1_000_000;
    private const long Ms = 1_000;

    private static (ProbeCluster Cluster, TimelineDriver Driver) Run(int nodes, FaultSpec[] faults, long untilUs)
    {
        var c = new ProbeCluster(nodes);
        var d = TimelineDriver.Attach(c.Simulation, faults, 100 * S);
        c.Simulation.Run(untilUs);
        return (c, d);
    }

    [Test]
    public void Leave_NamedCrashedNode_IsSkipped()
    {
        var (c, _) = Run(5, [new CrashFault(1 * S, FaultTargets.Of(2)), new LeaveFault(2 * S, FaultTargets.Of(2, 3))], 3 * S);
        Assert.That(c.Simulation.Status[2], Is.EqualTo(NodeStatus.Crashed));
        Assert.That(c.Simulation.Status[3], Is.EqualTo(NodeStatus.Left));
    }

    [Test]
    public void Restart_NamedUpNode_KeepsItsProcess()
    {
        var c = new ProbeCluster(5);
        var before = c.Simulation.NodeAt(3);
        TimelineDriver.Attach(c.Simulation, [new RestartFault(1 * S, FaultTargets.Of(3))], 10 * S);
        c.Simulation.Run(2 * S);
        Assert.That(c.Simulation.NodeAt(3), Is.SameAs(before));
    }

    [Test]
    public void Pause_NamedPausedNode_StaysPausedUntilTheFirstPauseEnds()
    {
        // Paused 1 s .. 11 s; a second pause of it at 2 s for 2 s must not wake it at 4 s.
        var (c, _) = Run(5, [new PauseFault(1 * S, FaultTargets.Of(4), ForUs: 10 * S), new PauseFault(2 * S, FaultTargets.Of(4), ForUs: 2 * S)], 5 * S);
        Assert.That(c.Simulation.Status[4], Is.EqualTo(NodeStatus.Paused));
        c.Simulation.Run(12 * S);
        Assert.That(c.Simulation.Status[4], Is.EqualTo(NodeStatus.Up));
    }

    [Test]
    public void Crash_NamedPausedNode_Crashes()
    {
        var (c, _) = Run(5, [new PauseFault(1 * S, FaultTargets.Of(4), ForUs: 10 * S), new CrashFault(2 * S, FaultTargets.Of(4))], 12 * S);
        Assert.That(c.Simulation.Status[4], Is.EqualTo(NodeStatus.Crashed));
    }

    [Test]
    public void Slow_Overlapping_StaysSlowUntilTheLastEndsAtTheServiceTimeStillInForce()
    {
        // Slow 0 .. 10 s at 300 ms a message; a second slow fault 2 .. 4 s at 100 ms.
        var (c, _) = Run(2, [new SlowFault(0, FaultTargets.Of(1), 300, ForUs: 10 * S), new SlowFault(2 * S, FaultTargets.Of(1), 100, ForUs: 2 * S)], 5 * S);
        Assert.That(c.Simulation.IsSlow(1), Is.True);
        // A message sent now arrives 1 ms later and takes the first fault's 300 ms again.
        long sentUs = c.Simulation.NowUs;
        c.Node(0).SendTo(1, 9);
        c.Simulation.Run(6 * S);
        Assert.That(c.Handled.Single(h => h.What == "msg").TimeUs, Is.EqualTo(sentUs + 1 * Ms + 300 * Ms));
        c.Simulation.Run(11 * S);
        Assert.That(c.Simulation.IsSlow(1), Is.False);
    }

    [Test]
    public void Crash_NamedTwiceOrAlreadyDown_OneCrashEvent()
    {
        using var sweep = new SmallSweep("""
            defaults:
              nodes: 30
              duration: 12s
              network: {latency: {dist: uniform, min: 1ms, max: 10ms}, loss: 0}
              protocol: {preset: memberlist-lan}
            scenarios:
              - name: crash
                faults:
                  - {at: 2s, crash: {ids: [5, 5]}}
                  - {at: 4s, crash: {ids: [5]}}
            """);
        string events = SmallSweep.Bytes(sweep.Run("out"), "events.csv");
        Assert.That(events.Split('\n').Count(line => line.Contains(",crash,5,")), Is.EqualTo(1), events);
    }

    [Test]
    public void Stream_ToADegradedNode_EachLegTakesTheExtraDelay()
    {
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(1 * Ms), 0);
        network.EnableLinkFaults(3).Degrade([2], 0, 40 * Ms);
        Assert.That(network.TryStream(0, 2, legs: 3, 0, out long arrivalUs), Is.True);
        Assert.That(arrivalUs, Is.EqualTo(3 * (1 * Ms + 40 * Ms)));
        Assert.That(network.TryStream(0, 1, legs: 3, 0, out arrivalUs) && arrivalUs == 3 * Ms, Is.True, "links without a degraded end are not delayed");
    }
}
