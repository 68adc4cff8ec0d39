using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// Carries out a run's faults at their times, as scenario-driver actions. Every choice (which nodes,
/// how long a pause) comes from the faults stream, so neither protocol nor network draws can shift it.
/// A lasting fault registers its end with <see cref="EndLater"/>; <see cref="HealAll"/> runs every
/// end still pending (YAML <c>heal_at</c>).
/// </summary>
public sealed class FaultTimeline
{
    private readonly IReadOnlyList<FaultSpec> _faults;
    private readonly List<Action?> _pendingEnds = new();
    private readonly List<Action?> _later = new();
    private int _endAction, _laterAction;

    public FaultTimeline(Simulation simulation, IReadOnlyList<FaultSpec> faults)
    {
        Simulation = simulation;
        _faults = faults;
        Stream = simulation.Streams.For(StreamPurpose.Faults);
    }

    public Simulation Simulation { get; }

    /// <summary>The faults stream: target picks and drawn durations.</summary>
    public Xoshiro256StarStar Stream { get; }

    /// <summary>Link faults of the network, created at the first fault that needs them.</summary>
    public LinkFaults Links => Simulation.Network.EnableLinkFaults(Simulation.NodeCount);

    /// <summary>Runtime state of processes (churn) started by faults, in start order: for tests and reports.</summary>
    public List<ChurnProcess> Processes { get; } = new();

    /// <summary>Schedules every fault before <paramref name="durationUs"/>; the driver routes the three actions back here.</summary>
    public void Schedule(long durationUs, int fireAction, int endAction, int laterAction)
    {
        _endAction = endAction;
        _laterAction = laterAction;
        for (int i = 0; i < _faults.Count; i++)
            if (_faults[i].AtUs < durationUs) Simulation.ScheduleAction(_faults[i].AtUs, fireAction, i);
    }

    public void Fire(int index) => _faults[index].Apply(this);

    /// <summary>Runs a pending end, unless a heal already ran it.</summary>
    public void RunEnd(int index)
    {
        var end = _pendingEnds[index];
        _pendingEnds[index] = null;
        end?.Invoke();
    }

    /// <summary>Whether the heal has run: recurring processes (a pause process's waves) take no further step.</summary>
    public bool Healed { get; private set; }

    /// <summary>Ends every lasting fault now: restarts crashed-for nodes, resumes pauses, lifts link faults.</summary>
    public void HealAll()
    {
        Healed = true;
        for (int i = 0; i < _pendingEnds.Count; i++) RunEnd(i);
        Simulation.Network.Links?.Clear();
    }

    /// <summary>Runs <paramref name="end"/> at <paramref name="atUs"/> (or at a heal, if that comes first).</summary>
    public void EndLater(long atUs, Action end)
    {
        _pendingEnds.Add(end);
        Simulation.ScheduleAction(atUs, _endAction, _pendingEnds.Count - 1);
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="atUs"/>; unlike <see cref="EndLater"/> a heal does not run it (a churn process's next step).</summary>
    public void Later(long atUs, Action action)
    {
        _later.Add(action);
        Simulation.ScheduleAction(atUs, _laterAction, _later.Count - 1);
    }

    public void RunLater(int index)
    {
        var action = _later[index];
        _later[index] = null;
        action?.Invoke();
    }

    /// <summary>Restarts these nodes at <paramref name="atUs"/> (those still crashed then).</summary>
    public void RestartLater(long atUs, int[] nodes) => EndLater(atUs, () =>
    {
        foreach (int node in nodes)
            if (Simulation.Status[node] == NodeStatus.Crashed) StartNode(node);
    });

    /// <summary>
    /// Starts (or restarts) a node's process for a fault, and tells every churn process other than
    /// <paramref name="by"/>: a process another fault starts begins a fresh churn session.
    /// </summary>
    public void StartNode(int node, ChurnProcess? by = null)
    {
        Simulation.StartNode(node);
        foreach (var process in Processes)
            if (process != by) process.OnStartedElsewhere(node);
    }

    /// <summary>
    /// The targets: the given ids that are candidates now, or distinct candidates drawn uniformly
    /// (a partial Fisher-Yates over the candidates in id order), returned in ascending id order.
    /// Named ids obey the candidate rule too, each id once: a crash of a node already down would
    /// count a second crash of it, a leave of a stopped node has no process to announce it, a
    /// restart of an up node would wipe a live node's state, and a pause of a paused node would
    /// end the first pause at its own, earlier end.
    /// </summary>
    public int[] Pick(FaultTargets targets, Func<int, bool> candidate)
    {
        if (targets.Ids is not null) return targets.Ids.Distinct().Where(candidate).Order().ToArray();
        int zone = -1;
        if (targets.Zone is { } zoneName)
        {
            var zones = Simulation.Network.Zones ?? throw new InvalidOperationException($"fault targets zone '{zoneName}' but the network has no zones");
            zone = zones.IndexOf(zoneName);
        }
        var pool = new List<int>();
        for (int node = 0; node < Simulation.NodeCount; node++)
            if (candidate(node) && (targets.Exclude is null || !targets.Exclude.Contains(node))
                && (zone < 0 || Simulation.Network.Zones!.ZoneOf(node) == zone)) pool.Add(node);
        // A zone alone: every candidate in it, no draw.
        if (targets.Count is null && targets.Fraction is null) return pool.ToArray();
        int want = targets.Count ?? (int)Math.Max(1, Math.Round(targets.Fraction!.Value * pool.Count, MidpointRounding.AwayFromZero));
        want = Math.Min(want, pool.Count);
        for (int i = 0; i < want; i++)
        {
            int j = i + Stream.NextInt(pool.Count - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var picked = pool.GetRange(0, want).ToArray();
        Array.Sort(picked);
        return picked;
    }

    /// <summary>When a lasting fault that started now ends: <paramref name="forUs"/> after now, or at <paramref name="untilUs"/>; null = never (or at heal).</summary>
    public long? EndOf(long? forUs, long? untilUs) => forUs is long f ? Simulation.NowUs + f : untilUs;
}
