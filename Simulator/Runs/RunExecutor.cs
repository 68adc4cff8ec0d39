using System.Diagnostics;
using GossipSim.Analysis;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Runs;

/// <summary>Builds one run's simulation from its setup, runs it to the end, and measures it.</summary>
public static class RunExecutor
{
    /// <param name="trace">Sees every event of the run (replay); null for ordinary runs.</param>
    /// <param name="whileAlive">Called after the run is timed, while its whole state is still reachable
    /// (bench measures the heap then); null for ordinary runs.</param>
    public static RunOutcome Execute(RunSetup setup, bool timing = true, Action<SimEvent>? trace = null, Action? whileAlive = null)
    {
        var clock = Stopwatch.StartNew();
        var streams = new RandomStreams(setup.Seed);
        var networkStream = streams.For(StreamPurpose.Network);
        var network = new NetworkModel(networkStream, setup.Latency.Build(networkStream), setup.Loss);
        var hub = new ObservationHub(setup.Nodes, setup.Protocol.MessageTypes);
        var simulation = new Simulation(setup.Nodes, streams, network, hub, setup.Protocol.CreateNode) { Trace = trace };
        // Partition cause of a false death: either direction between observer and subject is cut.
        hub.TrackMembership(simulation.Status, (i, j) => network.Links is not { } links || (links.CanReach(i, j) && links.CanReach(j, i)));
        var driver = new ScenarioDriver(simulation, setup);
        simulation.SetDriver(driver);
        for (int i = 0; i < (setup.InitialNodes ?? setup.Nodes); i++) simulation.StartNode(i);
        if (setup.Protocol.InitialMembersKnowEachOther) hub.Views?.AssumeUpNodesKnowEachOther();
        var loopClock = Stopwatch.StartNew();
        simulation.Run(setup.DurationUs);
        double loopSeconds = loopClock.Elapsed.TotalSeconds;
        var events = hub.Updates.Results(hub.Liveness, setup.DurationUs);
        var membershipEvents = hub.ClusterEvents!.Results(setup.DurationUs);
        var detections = hub.ClusterEvents.Detections(membershipEvents);
        double wall = clock.Elapsed.TotalSeconds;
        var row = RunMetrics.Row(setup, simulation, network, events);
        RunMetrics.AddMembership(row, setup, hub, membershipEvents, detections);
        if (timing) RunMetrics.AddTiming(row, simulation, wall);
        events.AddRange(membershipEvents);
        if (whileAlive is not null)
        {
            whileAlive();
            GC.KeepAlive(simulation);
            GC.KeepAlive(hub);
            GC.KeepAlive(network);
        }
        return new RunOutcome(setup, row, events, simulation.EventsProcessed, wall, loopSeconds)
        {
            Samples = hub.Sampler?.Samples ?? [],
        };
    }
}
