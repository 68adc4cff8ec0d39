using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Carries out a run's faults at their times, as scenario-driver actions. Every choice (which nodes)
/// comes from the faults stream, so neither protocol nor network draws can shift it.
/// </summary>
public sealed class FaultTimeline
{
    private readonly IReadOnlyList<FaultSpec> _faults;
    private readonly Xoshiro256StarStar _stream;
    private readonly List<int[]> _pendingRestarts = new();
    private int _restartAction;

    public FaultTimeline(Simulation simulation, IReadOnlyList<FaultSpec> faults)
    {
        Simulation = simulation;
        _faults = faults;
        _stream = simulation.Streams.For(StreamPurpose.Faults);
    }

    public Simulation Simulation { get; }

    /// <summary>Schedules every fault before <paramref name="durationUs"/>; the driver routes the two actions back here.</summary>
    public void Schedule(long durationUs, int fireAction, int restartAction)
    {
        _restartAction = restartAction;
        for (int i = 0; i < _faults.Count; i++)
            if (_faults[i].AtUs < durationUs) Simulation.ScheduleAction(_faults[i].AtUs, fireAction, i);
    }

    public void Fire(int index) => _faults[index].Apply(this);

    public void RestartPending(int index)
    {
        foreach (int node in _pendingRestarts[index])
            if (Simulation.Status[node] == NodeStatus.Crashed) Simulation.StartNode(node);
    }

    /// <summary>Restarts these nodes at <paramref name="atUs"/> (those still crashed then).</summary>
    public void RestartLater(long atUs, int[] nodes)
    {
        _pendingRestarts.Add(nodes);
        Simulation.ScheduleAction(atUs, _restartAction, _pendingRestarts.Count - 1);
    }

    /// <summary>
    /// The targets: given ids as they are, or distinct candidates drawn uniformly (a partial
    /// Fisher-Yates over the candidates in id order), returned in ascending id order.
    /// </summary>
    public int[] Pick(FaultTargets targets, Func<int, bool> candidate)
    {
        if (targets.Ids is not null) return targets.Ids.ToArray();
        var pool = new List<int>();
        for (int node = 0; node < Simulation.NodeCount; node++)
            if (candidate(node) && (targets.Exclude is null || !targets.Exclude.Contains(node))) pool.Add(node);
        int want = targets.Count ?? (int)Math.Max(1, Math.Round(targets.Fraction!.Value * pool.Count, MidpointRounding.AwayFromZero));
        want = Math.Min(want, pool.Count);
        for (int i = 0; i < want; i++)
        {
            int j = i + _stream.NextInt(pool.Count - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var picked = pool.GetRange(0, want).ToArray();
        Array.Sort(picked);
        return picked;
    }
}
