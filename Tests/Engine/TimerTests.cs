using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

public class TimerTests
{
    /// <summary>A node whose start-up is a script, and which logs every timer it sees.</summary>
    private sealed class ScriptNode(INodeContext context, Action<INodeContext> onStart, List<string> log) : ProtocolNode(context)
    {
        public override void Start() => onStart(Context);

        public override void OnTimer(int kind, long tag) => log.Add($"{Context.NowUs}:{kind}:{tag}");

        public override void OnMessage(in Message message) => log.Add($"{Context.NowUs}:msg:{message.A}");
    }

    private static (Simulation, List<string>) Build(Action<INodeContext> onStart)
    {
        var log = new List<string>();
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(10), 0);
        var sim = new Simulation(2, streams, network, new ObservationHub(2, ["m"]), ctx => new ScriptNode(ctx, onStart, log));
        return (sim, log);
    }

    [Test]
    public void Timers_SameTime_FireInOrderSet()
    {
        var (sim, log) = Build(ctx =>
        {
            if (ctx.Id != 0) return;
            ctx.SetTimer(1, 100, 7);
            ctx.SetTimer(2, 100);
            ctx.SetTimer(0, 50, 3);
        });
        sim.StartNode(0);
        sim.Run(1000);
        Assert.That(log, Is.EqualTo(new[] { "50:0:3", "100:1:7", "100:2:0" }));
    }

    [Test]
    public void CancelTimers_PendingOfThatKind_NeverFire()
    {
        var (sim, log) = Build(ctx =>
        {
            if (ctx.Id != 0) return;
            ctx.SetTimer(1, 100, 1);
            ctx.SetTimer(1, 200, 2);
            ctx.SetTimer(2, 150);
            ctx.CancelTimers(1);
            ctx.SetTimer(1, 300, 3);
        });
        sim.StartNode(0);
        sim.Run(1000);
        Assert.That(log, Is.EqualTo(new[] { "150:2:0", "300:1:3" }));
    }

    [Test]
    public void StopNode_PendingTimersAndMessages_AreDropped()
    {
        var (sim, log) = Build(ctx =>
        {
            if (ctx.Id == 0) ctx.SetTimer(0, 100);
            else ctx.Send(0, new Message { A = 9, SizeBytes = 1 });
        });
        sim.StartNode(0);
        sim.StartNode(1);
        sim.StopNode(0, NodeStatus.Crashed);
        sim.Run(1000);
        Assert.That(log, Is.Empty);
    }

    [Test]
    public void Restart_TimersOfEarlierLife_NeverFire()
    {
        var (sim, log) = Build(ctx =>
        {
            if (ctx.Id != 0) return;
            // Set again by the restart at 100: only that life's timer (due at 400) may fire.
            ctx.SetTimer(3, 300, ctx.NowUs + 1);
        });
        sim.StartNode(0);
        sim.ScheduleAction(100, 0);
        sim.SetDriver(new RestartAt(0));
        sim.Run(1000);
        Assert.That(log, Is.EqualTo(new[] { "400:3:101" }));
    }

    [Test]
    public void StopNode_NeverStarted_LaterStartRunsItsTimers()
    {
        var (sim, log) = Build(ctx => ctx.SetTimer(0, 50, 5));
        // Node 1 has no host yet (it never started): stopping it has no timers to invalidate.
        sim.StopNode(1, NodeStatus.Crashed);
        sim.StartNode(1);
        sim.Run(1000);
        Assert.That(log, Is.EqualTo(new[] { "50:0:5" }));
    }

    /// <summary>A driver whose one action crashes a node and starts it again at once (a restart).</summary>
    private sealed class RestartAt(int node) : IScenarioDriver
    {
        public void OnAction(Simulation sim, int action, int argument)
        {
            sim.StopNode(node, NodeStatus.Crashed);
            sim.StartNode(node);
        }
    }

    [Test]
    public void Run_EventsAtOrAfterEnd_AreNotProcessed()
    {
        var (sim, log) = Build(ctx =>
        {
            if (ctx.Id != 0) return;
            ctx.SetTimer(0, 999);
            ctx.SetTimer(1, 1000);
        });
        sim.StartNode(0);
        sim.Run(1000);
        Assert.That(log, Is.EqualTo(new[] { "999:0:0" }));
        Assert.That(sim.EventsProcessed, Is.EqualTo(1));
    }
}
