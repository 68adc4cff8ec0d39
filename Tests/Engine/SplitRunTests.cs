using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Engine;

/// <summary>
/// A run split across threads (<see cref="LaneSplit"/>) must be the sequential run, event for
/// event. These runs are made to hit what a rumor run never does: timers due in the same window
/// and at the same instant, tagged and cancelled timers, replies, duplicates, loss, reports to a
/// tracker, and driver actions (stops, restarts, late starts) in the middle of it all.
/// </summary>
public class SplitRunTests
{
    private const int Nodes = 40;
    private const long WindowUs = 50;

    /// <summary>A node that draws what to do next from its own stream and writes what it sees in its own history.</summary>
    private sealed class ChatterNode(INodeContext context, List<string> history) : ProtocolNode(context)
    {
        public override void Start()
        {
            history.Add($"start {Context.NowUs}");
            Context.SetTimer(0, Context.Random.NextInclusive(0, 3 * WindowUs));
            Context.SetTimer(1, WindowUs / 2, tag: Context.Id + 1);
        }

        public override void OnTimer(int kind, long tag)
        {
            history.Add($"timer {Context.NowUs} {kind} {tag}");
            int peer = Context.Random.NextInt(Nodes);
            var message = new Message { Type = 0, SizeBytes = 10 + kind, A = Context.Id, B = Context.NowUs };
            switch (Context.Random.NextInt(10))
            {
                case < 3: Context.Send(peer, message); break;
                // Streams: a dial to a crashed or not yet started node fails, costing its SYNs only.
                case 3 when Context.Random.NextInt(2) == 0: Context.OpenStream(peer, message, 2_000_000); break;
                case 3: Context.SendStream(peer, message, legs: 1); break;
                case < 6: Context.SendToEach([peer, (peer + 1) % Nodes], message); break;
                case 6: Context.Emit(ObservationKind.Suspected, peer, Context.NowUs); break;
                case 7: Context.CancelTimers(1); break;
                case 8: Context.SetTimer(2, 0); break;
                default: Context.SetTimer(3, Context.Random.NextInclusive(1, WindowUs), tag: 7); break;
            }
            // Kinds 0 and 1 go on (a cancel ends kind 1 until the next restart); 2 and 3 fire once.
            if (kind <= 1) Context.SetTimer(kind, Context.Random.NextInclusive(0, 2 * WindowUs), tag);
        }

        public override void OnMessage(in Message message)
        {
            history.Add($"message {Context.NowUs} {message.From} {message.A} {message.B}");
            if (message.Type == 0 && Context.Random.NextInt(3) == 0)
                Context.Send(message.From, new Message { Type = 1, SizeBytes = 5, A = Context.Id, B = message.B });
            if (Context.Random.NextInt(4) == 0) Context.Emit(ObservationKind.MarkedAlive, message.From, message.A);
        }

        public override void OnLocalUpdate(long version)
        {
            history.Add($"update {Context.NowUs} {version}");
            Context.SendToEach([0, 1, 2], new Message { Type = 1, SizeBytes = 50, A = version });
        }
    }

    /// <summary>Writes down every report and every start and stop, in the order the trackers get them.</summary>
    private sealed class RecordingTracker : IMembershipTracker
    {
        public List<string> Seen { get; } = [];

        public void Observe(int observer, long nowUs, ObservationKind kind, int subject, long value) => Seen.Add($"{nowUs} {observer} {kind} {subject} {value}");

        public void OnNodeStarted(int node, long nowUs) => Seen.Add($"{nowUs} started {node}");

        public void OnNodeStopped(int node, long nowUs, NodeStatus why) => Seen.Add($"{nowUs} stopped {node} {why}");
    }

    /// <summary>Stops, restarts and late starts, some at the same instant, one where events of nodes are due too.</summary>
    private sealed class Script : IScenarioDriver
    {
        public void OnAction(Simulation simulation, int action, int argument)
        {
            switch (action)
            {
                case 0: simulation.StopNode(argument, NodeStatus.Crashed); break;
                case 1: simulation.StartNode(argument); break;
                case 2: simulation.NodeAt(argument)?.OnLocalUpdate(simulation.NowUs); break;
            }
        }

        public static void Schedule(Simulation simulation)
        {
            simulation.ScheduleAction(3_000, 0, 5);
            simulation.ScheduleAction(3_000, 0, 30);
            simulation.ScheduleAction(3_000, 2, 7);
            simulation.ScheduleAction(5_025, 1, 5);
            simulation.ScheduleAction(7_000, 1, Nodes - 1);
            simulation.ScheduleAction(7_000, 2, Nodes - 1);
            simulation.ScheduleAction(12_345, 0, 0);
        }
    }

    private sealed record Outcome(List<string>[] Histories, List<string> Reports, long Events, long Lost, long Duplicated, long BytesSent, long NowUs, long[] BytesByType);

    private static Outcome Run(int lanes, ulong seed)
    {
        var histories = Enumerable.Range(0, Nodes).Select(_ => new List<string>()).ToArray();
        var streams = new RandomStreams(seed);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new UniformLatency(streams.For(StreamPurpose.Network), WindowUs, 4 * WindowUs), 0.1)
        {
            DuplicateProbability = 0.05,
            DuplicateStream = streams.For(StreamPurpose.Workload),
        };
        var hub = new ObservationHub(Nodes, ["chat", "reply"]);
        var tracker = new RecordingTracker();
        hub.AddMembershipTracker(tracker);
        Func<INodeContext, ProtocolNode> factory = context => new ChatterNode(context, histories[context.Id]);
        var split = lanes > 1 ? new LaneSplit(lanes, WindowUs, () => factory) : null;
        var simulation = new Simulation(Nodes, streams, network, hub, factory, split: split);
        simulation.SetDriver(new Script());
        Script.Schedule(simulation);
        for (int i = 0; i < Nodes - 1; i++) simulation.StartNode(i);
        // Two calls: a run continued from where an earlier Run stopped is the same run.
        simulation.Run(9_000);
        simulation.Run(20_000);
        Assert.That(simulation.Lanes, Is.EqualTo(lanes));
        return new Outcome(histories, tracker.Seen, simulation.EventsProcessed, network.MessagesLost, network.MessagesDuplicated,
            Enumerable.Range(0, Nodes).Sum(i => hub.Traffic[i].BytesSent), simulation.NowUs, hub.Traffic.BytesSentByType);
    }

    [TestCase(2, 1UL)]
    [TestCase(3, 2UL)]
    [TestCase(7, 3UL)]
    [TestCase(Nodes, 4UL)]
    public void SplitRun_EveryNodesHistoryAndEveryReport_AsTheSequentialRun(int lanes, ulong seed)
    {
        var sequential = Run(1, seed);
        var split = Run(lanes, seed);
        // The runs are busy enough to mean something: in-window timers, losses, duplicates and reports all happen.
        Assert.That(sequential.Events, Is.GreaterThan(10_000));
        Assert.That(sequential.Lost, Is.GreaterThan(100));
        Assert.That(sequential.Duplicated, Is.GreaterThan(50));
        Assert.That(sequential.Reports.Count(r => r.Contains("Suspected")), Is.GreaterThan(100));
        for (int node = 0; node < Nodes; node++)
            Assert.That(split.Histories[node], Is.EqualTo(sequential.Histories[node]), $"node {node}");
        Assert.That(split.Reports, Is.EqualTo(sequential.Reports));
        Assert.That(split.BytesByType, Is.EqualTo(sequential.BytesByType));
        Assert.That((split.Events, split.Lost, split.Duplicated, split.BytesSent, split.NowUs),
            Is.EqualTo((sequential.Events, sequential.Lost, sequential.Duplicated, sequential.BytesSent, sequential.NowUs)));
    }

    [Test]
    public void SplitRun_TimersAtTheSameInstantAsTheirSetter_RunInTheOrderSet()
    {
        // Each node's history holds the zero-delay timers (kind 2) it set; a split run must not move them.
        var split = Run(2, 5);
        Assert.That(split.Histories.Sum(h => h.Count(line => line.StartsWith("timer ") && line.EndsWith(" 2 0"))), Is.GreaterThan(100));
        Assert.That(split.Histories, Is.EqualTo(Run(1, 5).Histories));
    }

    /// <summary>
    /// The last node's timer at 0 opens the first window and asks nothing of the engine. Node 0 then
    /// sets a timer due just after that window and sends when it fires; the last node has a timer
    /// of its own after that message arrives. Nothing else happens, so only the window's timers tell
    /// how early the next window must start.
    /// </summary>
    private sealed class RelayNode(INodeContext context, List<string> history) : ProtocolNode(context)
    {
        public override void Start()
        {
            if (Context.Id == 0) Context.SetTimer(0, WindowUs - 1);
            if (Context.Id != Nodes - 1) return;
            Context.SetTimer(1, 2 * WindowUs + 5);
            Context.SetTimer(2, 0);
        }

        public override void OnTimer(int kind, long tag)
        {
            history.Add($"timer {Context.NowUs} {kind}");
            if (kind != 0) return;
            if (Context.NowUs < WindowUs) Context.SetTimer(0, 2);
            else Context.Send(Nodes - 1, new Message { Type = 0, SizeBytes = 1 });
        }

        public override void OnMessage(in Message message) => history.Add($"message {Context.NowUs} {message.From}");
    }

    [TestCase(1)]
    [TestCase(2)]
    public void SplitRun_TimerDueJustAfterAQuietWindow_NextWindowStartsNoLater(int lanes)
    {
        var histories = Enumerable.Range(0, Nodes).Select(_ => new List<string>()).ToArray();
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(WindowUs), 0);
        Func<INodeContext, ProtocolNode> factory = context => new RelayNode(context, histories[context.Id]);
        var split = lanes > 1 ? new LaneSplit(lanes, WindowUs, () => factory) : null;
        var simulation = new Simulation(Nodes, streams, network, new ObservationHub(Nodes, ["chat"]), factory, split: split);
        for (int i = 0; i < Nodes; i++) simulation.StartNode(i);
        simulation.Run(10 * WindowUs);
        Assert.That(histories[0], Is.EqualTo(new[] { $"timer {WindowUs - 1} 0", $"timer {WindowUs + 1} 0" }));
        // The message sent at W + 1 arrives at 2W + 1, before the last node's own timer at 2W + 5.
        Assert.That(histories[Nodes - 1], Is.EqualTo(new[] { "timer 0 2", $"message {2 * WindowUs + 1} 0", $"timer {2 * WindowUs + 5} 1" }));
    }

    /// <summary>A node that throws on its first timer: the error must come out of Run, from whichever lane's thread it was on.</summary>
    private sealed class FailingNode(INodeContext context) : ProtocolNode(context)
    {
        public override void Start() => Context.SetTimer(0, Context.Id * 7);

        public override void OnTimer(int kind, long tag)
        {
            if (Context.Id == Nodes - 1) throw new InvalidOperationException($"node {Context.Id} failed");
            Context.SetTimer(0, WindowUs);
        }

        public override void OnMessage(in Message message) { }
    }

    private static Simulation SplitOf(Func<INodeContext, ProtocolNode> factory, Action? checkpoint = null)
    {
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(WindowUs), 0);
        var simulation = new Simulation(Nodes, streams, network, new ObservationHub(Nodes, ["chat", "reply"]), factory, split: new LaneSplit(3, WindowUs, () => factory))
        {
            Checkpoint = checkpoint,
        };
        for (int i = 0; i < Nodes; i++) simulation.StartNode(i);
        return simulation;
    }

    [Test]
    public void SplitRun_ANodeThrowsOnAnotherLanesThread_RunThrowsItAndEnds()
    {
        // The last node is in the last lane, handled on a thread of its own.
        var simulation = SplitOf(context => new FailingNode(context));
        var error = Assert.Throws<InvalidOperationException>(() => simulation.Run(1_000_000));
        Assert.That(error!.Message, Is.EqualTo($"node {Nodes - 1} failed"));
    }

    [Test]
    public void SplitRun_CheckpointThrows_RunStopsThere()
    {
        // A cancellation (Ctrl-C, a memory limit) throws from the checkpoint between windows.
        var histories = Enumerable.Range(0, Nodes).Select(_ => new List<string>()).ToArray();
        int checkpoints = 0;
        var simulation = SplitOf(context => new ChatterNode(context, histories[context.Id]), () =>
        {
            if (++checkpoints == 3) throw new OperationCanceledException();
        });
        Assert.Throws<OperationCanceledException>(() => simulation.Run(10_000_000));
        Assert.That(checkpoints, Is.EqualTo(3));
        Assert.That(simulation.NowUs, Is.LessThan(10_000_000));
    }

    [Test]
    public void Split_PausingANode_IsRefused()
    {
        var streams = new RandomStreams(1);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(WindowUs), 0);
        var histories = Enumerable.Range(0, Nodes).Select(_ => new List<string>()).ToArray();
        Func<INodeContext, ProtocolNode> factory = context => new ChatterNode(context, histories[context.Id]);
        var simulation = new Simulation(Nodes, streams, network, new ObservationHub(Nodes, ["chat", "reply"]), factory, split: new LaneSplit(2, WindowUs, () => factory));
        simulation.StartNode(0);
        Assert.Throws<InvalidOperationException>(() => simulation.PauseNode(0, 10));
        Assert.Throws<InvalidOperationException>(() => simulation.SlowNode(0, 100, 10));
    }
}
