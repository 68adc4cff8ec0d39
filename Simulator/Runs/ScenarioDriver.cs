using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Carries out the scenario's timeline: writes application updates at their times, fires faults
/// (through <see cref="FaultTimeline"/>) and heals them at heal_at, and takes timeseries samples. Choices it makes (which
/// node writes) come from the workload stream, never from a node's stream.
/// </summary>
public sealed class ScenarioDriver : IScenarioDriver
{
    private const int UpdateAction = 0;
    private const int FaultAction = 1;
    private const int FaultEndAction = 2;
    private const int SampleAction = 3;
    private const int HealAction = 4;
    private const int FaultLaterAction = 5;
    private const int RequestAction = 6;

    private readonly UpdatePlan? _updates;
    private readonly Xoshiro256StarStar _workload;
    private readonly long[] _versions;
    private readonly FaultTimeline? _faults;
    private readonly long _sampleEveryUs;
    private readonly long _durationUs;
    private readonly RequestWorkload? _requests;

    /// <summary>The churn processes the faults started, in start order (none in a run without churn).</summary>
    public IReadOnlyList<ChurnProcess> ChurnProcesses => _faults?.Processes ?? [];

    public ScenarioDriver(Simulation simulation, RunSetup setup)
    {
        _updates = setup.Updates;
        _workload = simulation.Streams.For(StreamPurpose.Workload);
        _versions = new long[setup.Nodes];
        _durationUs = setup.DurationUs;
        if (setup.Faults.Count > 0)
        {
            _faults = new FaultTimeline(simulation, setup.Faults);
            _faults.Schedule(setup.DurationUs, FaultAction, FaultEndAction, FaultLaterAction);
        }
        if (setup.HealAtUs is long healUs && healUs < setup.DurationUs) simulation.ScheduleAction(healUs, HealAction);
        _sampleEveryUs = simulation.Observations.Sampler is null ? 0 : setup.SampleEveryUs;
        if (_sampleEveryUs > 0 && _sampleEveryUs < setup.DurationUs) simulation.ScheduleAction(_sampleEveryUs, SampleAction);
        if (setup.Requests is not null && simulation.Observations.Routing is { } routing)
        {
            _requests = new RequestWorkload(setup.Requests, simulation.Streams.For(StreamPurpose.Requests), routing);
            long first = _requests.FirstUs(0);
            if (first < setup.DurationUs) simulation.ScheduleAction(first, RequestAction);
        }
        if (_updates is null) return;
        if (_updates.AtUs is not null)
        {
            foreach (long t in _updates.Times(setup.DurationUs)) simulation.ScheduleAction(t, UpdateAction);
            return;
        }
        // Periodic updates are queued one at a time, each scheduling the next, so a long run holds
        // one pending update, not millions; the sequence numbers set aside keep their order among ties.
        long periods = _updates.PeriodicCount(setup.DurationUs);
        if (periods == 0) return;
        _updateSequence = simulation.ReserveSequences(periods);
        _updatesLeft = periods;
        ScheduleNextUpdate(simulation, _updates.StartUs);
    }

    private long _updateSequence;
    private long _updatesLeft;

    private void ScheduleNextUpdate(Simulation simulation, long atUs)
    {
        simulation.ScheduleReservedAction(atUs, UpdateAction, _updateSequence++);
        _updatesLeft--;
    }

    public void OnAction(Simulation simulation, int action, int argument)
    {
        switch (action)
        {
            case UpdateAction:
                if (_updatesLeft > 0) ScheduleNextUpdate(simulation, simulation.NowUs + _updates!.EveryUs);
                WriteUpdate(simulation);
                break;
            case FaultAction: _faults!.Fire(argument); break;
            case FaultEndAction: _faults!.RunEnd(argument); break;
            case FaultLaterAction: _faults!.RunLater(argument); break;
            case HealAction: Heal(simulation); break;
            case SampleAction: Sample(simulation); break;
            case RequestAction: Request(simulation); break;
        }
    }

    /// <summary>One request routed, and the next one scheduled.</summary>
    private void Request(Simulation simulation)
    {
        long next = _requests!.Fire(simulation);
        if (next < _durationUs) simulation.ScheduleAction(next, RequestAction);
    }

    /// <summary>heal_at: every lasting fault ends, and the watch for reconvergence starts.</summary>
    private void Heal(Simulation simulation)
    {
        _faults?.HealAll();
        simulation.Observations.WatchReconvergence(simulation.NowUs);
    }

    /// <summary>One sample, and the next one scheduled: one pending sampling event at a time.</summary>
    private void Sample(Simulation simulation)
    {
        simulation.Observations.Sampler!.Sample(simulation.NowUs);
        long next = simulation.NowUs + _sampleEveryUs;
        if (next < _durationUs) simulation.ScheduleAction(next, SampleAction);
    }

    private void WriteUpdate(Simulation simulation)
    {
        int origin = _updates!.Origin ?? UpNodePicker.Pick(simulation, _workload);
        if (origin < 0 || simulation.Status[origin] != NodeStatus.Up) return;
        long version = ++_versions[origin];
        simulation.Observations.Updates.RegisterUpdate(origin, version, simulation.NowUs);
        simulation.NodeAt(origin)!.OnLocalUpdate(version);
    }

}
