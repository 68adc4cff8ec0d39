using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

/// <summary>
/// A leave the protocol completes itself (<see cref="ProtocolNode.OnLeave"/> returning <see cref="LeaveProgress.HandingOver"/>, as
/// Akka's Leaving and Exiting do): the process runs on until it exits, and that exit is the leave,
/// with status Left and the leave event starting there. An exit without a leave stays an exit of
/// its own, and a crash in between forgets the leave.
/// </summary>
public class SelfCompletedLeaveTests
{
    private const int ExitTimer = 1, TickTimer = 0;
    private const long ExitAfterUs = 5_000, TickUs = 1_000;

    /// <summary>Ticks every millisecond; a leave (or, with <paramref name="exitAtStartUs"/>, the start) sets its exit that long after.</summary>
    private sealed class HandingOverNode(INodeContext context, long exitAtStartUs) : ProtocolNode(context)
    {
        public int Ticks { get; private set; }

        public override void Start()
        {
            Context.SetTimer(TickTimer, TickUs);
            if (exitAtStartUs > 0) Context.SetTimer(ExitTimer, exitAtStartUs);
        }

        public override void OnTimer(int kind, long tag)
        {
            if (kind == ExitTimer)
            {
                Context.Exit();
                return;
            }
            Ticks++;
            Context.SetTimer(TickTimer, TickUs);
        }

        public override void OnMessage(in Message message) { }

        public override LeaveProgress OnLeave()
        {
            Context.SetTimer(ExitTimer, ExitAfterUs);
            return LeaveProgress.HandingOver;
        }
    }

    private static (Simulation Sim, ObservationHub Hub) Build(long exitAtStartUs = 0)
    {
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(10), 0);
        var hub = new ObservationHub(2, ["m"]);
        var sim = new Simulation(2, streams, network, hub, ctx => new HandingOverNode(ctx, exitAtStartUs));
        hub.TrackMembership(sim.Status);
        sim.StartNode(0);
        sim.StartNode(1);
        return (sim, hub);
    }

    private static int Ticks(Simulation sim, int id) => ((HandingOverNode)sim.NodeAt(id)!).Ticks;

    [Test]
    public void Leave_RunsOnUntilTheNodeExits_ThenHasLeft_AndTheLeaveEventStartsThere()
    {
        var (sim, hub) = Build();
        sim.Run(10_000);
        sim.LeaveNode(0);
        Assert.That(sim.Status[0], Is.EqualTo(NodeStatus.Up), "still running right after the leave");
        int ticks = Ticks(sim, 0);
        sim.Run(14_900);
        Assert.That(sim.Status[0], Is.EqualTo(NodeStatus.Up), "running until its exit");
        Assert.That(Ticks(sim, 0), Is.EqualTo(ticks + 5), "its timers still fire while it hands over (10 to 14 ms)");
        sim.Run(20_000);
        Assert.That(sim.Status[0], Is.EqualTo(NodeStatus.Left), "its exit is the leave");
        var leave = hub.ClusterEvents!.Results(20_000).Single(e => e.Kind == "leave");
        Assert.That(leave.T0Us, Is.EqualTo(10_000 + ExitAfterUs), "the leave event starts when the process stops");
    }

    [Test]
    public void Exit_WithoutALeave_IsAnExitOfItsOwn()
    {
        var (sim, hub) = Build(exitAtStartUs: 3_000);
        sim.Run(10_000);
        Assert.That(sim.Status[0], Is.EqualTo(NodeStatus.Exited));
        Assert.That(hub.ClusterEvents!.Results(10_000).Where(e => e.Kind == "leave"), Is.Empty);
    }

    [Test]
    public void CrashWhileHandingOver_ForgetsTheLeave_ALaterExitIsItsOwn()
    {
        // Every life exits 30 ms after it starts unless it leaves first.
        var (sim, _) = Build(exitAtStartUs: 30_000);
        sim.Run(10_000);
        sim.LeaveNode(0);
        sim.StopNode(0, NodeStatus.Crashed);
        sim.Run(11_000);
        sim.StartNode(0);
        sim.Run(50_000);
        Assert.That(sim.Status[0], Is.EqualTo(NodeStatus.Exited), "the crash ended the leave; the new life's exit is its own");
    }
}
