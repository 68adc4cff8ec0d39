using System.Diagnostics;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;
using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Runs;

/// <summary>Builds one run's simulation from its setup, runs it to the end, and measures it.</summary>
public static class RunExecutor
{
    /// <param name="setup">The run, as the plan made it.</param>
    /// <param name="timing">Add the wall-time and memory columns to the row (off where only the results matter).</param>
    /// <param name="trace">Sees every event of the run (replay); null for ordinary runs.</param>
    /// <param name="watcher">Sees every membership belief a node reports, after the run's own trackers (replay's trace); null for ordinary runs.</param>
    /// <param name="stopAtUs">Ends the loop early at this virtual time (a cost calibration, which
    /// needs the loop's pace, not the results); null runs to the scenario's duration.</param>
    /// <param name="watch">Stops the run on an interrupt or past the memory limit; null for none.</param>
    /// <param name="threads">Threads to split the run across where it can be (<see cref="Split"/>); the results are the same.</param>
    public static RunOutcome Execute(RunSetup setup, bool timing = true, Action<SimEvent>? trace = null, IMembershipTracker? watcher = null, long? stopAtUs = null, RunWatch? watch = null,
        int threads = 1)
    {
        var clock = Stopwatch.StartNew();
        var streams = new RandomStreams(setup.Seed);
        var network = setup.Network.Build(setup.Latency, setup.Loss, setup.Nodes, streams);
        var hub = new ObservationHub(setup.Nodes, setup.Protocol.MessageTypes);
        RingRegistry? ring = setup.Ring is { } ringSettings ? new RingRegistry(ringSettings, setup.Nodes, streams.For(StreamPurpose.Ring)) : null;
        var split = trace is null ? Split(setup, network, threads, () => NodeFactory(setup, ring)) : null;
        var simulation = new Simulation(setup.Nodes, streams, network, hub, NodeFactory(setup, ring), setup.Protocol.RoundUs, split)
        {
            Trace = trace,
            Checkpoint = watch is null ? null : watch.Check,
        };
        // Partition cause of a false death: either direction between observer and subject is cut.
        hub.TrackMembership(simulation.Status, (i, j) => network.Links is not { } links || (links.CanReach(i, j) && links.CanReach(j, i)));
        if (hub.Views is { } views && setup.Faults.Any(f => f is Faults.SlowFault)) views.IsSlow = simulation.IsSlow;
        if (hub.Views is { } pausedViews && setup.Faults.Any(f => f is Faults.PauseFault)) pausedViews.TracksPausedObservers = true;
        if (hub.Views is { } restartViews && setup.Faults.Any(BringsStoppedNodesBack)) restartViews.LateMarks = new LateDeathMarks(setup.Nodes, setup.Protocol.ReportValuesNameProcessStarts);
        DeclarationLog? declarations = null;
        if (setup.RecordDeclarations)
        {
            declarations = new DeclarationLog(simulation.Status, simulation.HasLeftMembership, (i, j) => network.Links is not { } links || links.CanReach(i, j),
                setup.Faults.Any(f => f is Faults.SlowFault) ? simulation.IsSlow : null, hub.Views?.LateMarks);
            hub.AddMembershipTracker(declarations);
        }
        // After the trackers that ask it, so that they judge a report before it is recorded.
        if (hub.Views?.LateMarks is { } lateMarks) hub.AddMembershipTracker(lateMarks);
        if (watcher is not null && hub.Views is not null) hub.AddMembershipTracker(watcher);
        if (ring is not null) hub.TrackRing(ring, setup.InitialNodes ?? setup.Nodes);
        if (setup.Requests is not null)
        {
            if (hub.Ring is null || hub.Views is null) throw new InvalidOperationException("a request workload needs a ring and membership views");
            hub.TrackRouting(new RoutingTracker(hub.Ring, hub.Views, simulation.Status));
        }
        var driver = new ScenarioDriver(simulation, setup);
        simulation.SetDriver(driver);
        for (int i = 0; i < (setup.InitialNodes ?? setup.Nodes); i++) simulation.StartNode(i);
        if (setup.Protocol.InitialMembersKnowEachOther) hub.Views?.AssumeUpNodesKnowEachOther();
        var loopClock = Stopwatch.StartNew();
        simulation.Run(Math.Min(setup.DurationUs, stopAtUs ?? long.MaxValue));
        double loopSeconds = loopClock.Elapsed.TotalSeconds;
        var events = hub.Updates.Results(hub.Liveness, setup.DurationUs);
        var membershipEvents = hub.ClusterEvents!.Results(setup.DurationUs);
        var detections = hub.ClusterEvents.Detections(membershipEvents);
        var ringEvents = hub.Ring?.Results(setup.DurationUs) ?? [];
        double wall = clock.Elapsed.TotalSeconds;
        var row = RunMetrics.Row(setup, simulation, network, events, driver.ChurnProcesses);
        RunMetrics.AddMembership(row, setup, hub, membershipEvents, detections);
        RoutingMetrics.Add(row, setup, hub, ringEvents);
        if (timing) RunMetrics.AddTiming(row, simulation, wall);
        events.AddRange(membershipEvents);
        events.AddRange(ringEvents);
        return new RunOutcome(setup, row, events, simulation.EventsProcessed, wall, loopSeconds)
        {
            Samples = hub.Sampler?.Samples ?? [],
            Declarations = declarations?.Rows(setup.RunId) ?? [],
            Threads = simulation.Lanes,
        };
    }

    /// <summary>
    /// How a run is split across <paramref name="threads"/>, or null when it runs on one: a split
    /// needs nodes that share no state (<see cref="IProtocolSetup.NodesShareNoState"/>), a network
    /// whose shortest delay is at least 1 us (the window), and no pause or slow faults, whose
    /// held events the engine keeps for all nodes at once.
    /// </summary>
    public static LaneSplit? Split(RunSetup setup, Network.NetworkModel network, int threads, Func<Func<INodeContext, ProtocolNode>> nodeFactory)
    {
        int lanes = Math.Min(threads, Math.Min(setup.Nodes, Simulation.MaxLanes));
        if (lanes < 2 || !setup.Protocol.NodesShareNoState || network.Latency.MinUs < 1) return null;
        if (setup.Faults.Any(f => f is Faults.PauseFault or Faults.SlowFault)) return null;
        return new LaneSplit(lanes, network.Latency.MinUs, nodeFactory);
    }

    /// <summary>Whether a fault can start a node again after it crashed or left: a crash with an end, a restart, churn.</summary>
    private static bool BringsStoppedNodesBack(Faults.FaultSpec fault) =>
        fault is Faults.RestartFault or Faults.ChurnFault or Faults.CrashFault { ForUs: not null } or Faults.CrashFault { UntilUs: not null };

    /// <summary>The protocol's node factory, attaching the run's ring to every node before it starts.</summary>
    private static Func<INodeContext, ProtocolNode> NodeFactory(RunSetup setup, RingRegistry? ring)
    {
        var create = setup.Protocol.NodeFactory();
        if (ring is null) return create;
        return context =>
        {
            var node = create(context);
            if (node is not IRingCarrier carrier) throw new InvalidOperationException($"protocol {node.GetType().Name} cannot carry ring state");
            carrier.AttachRing(ring);
            return node;
        };
    }
}
