using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Carries out the scenario's timeline: writes application updates at their times. Choices it
/// makes (which node writes) come from the workload stream, never from a node's stream.
/// </summary>
public sealed class ScenarioDriver : IScenarioDriver
{
    private const int UpdateAction = 0;

    private readonly UpdatePlan? _updates;
    private readonly Xoshiro256StarStar _workload;
    private readonly long[] _versions;

    public ScenarioDriver(Simulation simulation, RunSetup setup)
    {
        _updates = setup.Updates;
        _workload = simulation.Streams.For(StreamPurpose.Workload);
        _versions = new long[setup.Nodes];
        if (_updates is null) return;
        foreach (long t in _updates.Times(setup.DurationUs)) simulation.ScheduleAction(t, UpdateAction);
    }

    public void OnAction(Simulation simulation, int action, int argument)
    {
        if (action == UpdateAction) WriteUpdate(simulation);
    }

    private void WriteUpdate(Simulation simulation)
    {
        int origin = _updates!.Origin ?? RandomUpNode(simulation);
        if (origin < 0 || simulation.Status[origin] != NodeStatus.Up) return;
        long version = ++_versions[origin];
        simulation.Observations.Updates.RegisterUpdate(origin, version, simulation.NowUs);
        simulation.NodeAt(origin)!.OnLocalUpdate(version);
    }

    private int RandomUpNode(Simulation simulation)
    {
        int n = simulation.NodeCount;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int candidate = _workload.NextInt(n);
            if (simulation.Status[candidate] == NodeStatus.Up) return candidate;
        }
        for (int i = 0; i < n; i++) if (simulation.Status[i] == NodeStatus.Up) return i;
        return -1;
    }
}
