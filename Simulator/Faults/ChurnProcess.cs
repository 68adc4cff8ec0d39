using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Random;
using MathNet.Numerics.Distributions;

namespace GossipSim.Simulator.Faults;

/// <summary>
/// A running churn process (<see cref="ChurnModel"/>). Its steps are scheduled through
/// <see cref="FaultTimeline.Later"/>, one pending step per Poisson stream or per node, so the queue
/// holds O(nodes) churn events at most. When it stops (its end or heal_at) no step runs any more and
/// every node it took down that is still down restarts with fresh state.
/// <para>
/// Poisson steps keep their times whatever the cluster's state: a departure when no node can depart,
/// or an arrival when no node can arrive, is skipped and counted (<see cref="DeparturesSkipped"/>,
/// <see cref="ArrivalsSkipped"/>), as a loss system clears a blocked arrival, so the two processes
/// stay Poisson at the rates asked and the shortfall shows in runs.csv.
/// </para>
/// <para>
/// A Weibull session belongs to one process of the node. Another fault that stops the process
/// (a crash, a leave, another churn), or starts a leave the process still runs, ends the session
/// with it; another fault that starts the process (a restart, a crash's end, a join, another
/// churn's arrival: <see cref="OnStartedElsewhere"/>) begins a fresh session, also during a
/// downtime of this process, which the start then ends.
/// </para>
/// </summary>
public sealed class ChurnProcess
{
    private readonly FaultTimeline _timeline;
    private readonly ChurnModel _model;
    private readonly StreamRandomSource _random;
    private readonly Xoshiro256StarStar _stream;
    private readonly long[] _sessionStartUs;
    /// <summary>Per node, the number of its latest session: a step of an older session finds it changed and does nothing.</summary>
    private readonly int[] _latestSession;
    private readonly bool[] _tookDown;
    private bool _stopped;

    public ChurnProcess(FaultTimeline timeline, ChurnModel model, int index)
    {
        _timeline = timeline;
        _model = model;
        _stream = timeline.Simulation.Streams.For(StreamPurpose.Churn, index);
        _random = new StreamRandomSource(_stream);
        _sessionStartUs = new long[timeline.Simulation.NodeCount];
        _latestSession = new int[timeline.Simulation.NodeCount];
        _tookDown = new bool[timeline.Simulation.NodeCount];
    }

    /// <summary>Nodes this process took down (crashed, or left under the leave model).</summary>
    public int Departures { get; private set; }

    /// <summary>Nodes this process started: absent nodes joining, and those it had taken down coming back.</summary>
    public int Arrivals { get; private set; }

    /// <summary>Poisson departures that found no up node to take down.</summary>
    public int DeparturesSkipped { get; private set; }

    /// <summary>Poisson arrivals that found no node to start (every node up, or held down by another fault).</summary>
    public int ArrivalsSkipped { get; private set; }

    /// <summary>Lengths of the sessions that ended in a departure (Weibull model), in microseconds.</summary>
    public List<long> SessionsUs { get; } = new();

    private Simulation Sim => _timeline.Simulation;

    public void Start()
    {
        if (_model.Weibull)
        {
            for (int node = 0; node < Sim.NodeCount; node++)
                // A paused node is a running process: its session runs, and ends as any other does while paused.
                if (Sim.Status[node] is NodeStatus.Up or NodeStatus.Paused && !Excluded(node)) BeginSession(node);
            return;
        }
        if (_model.DeparturesPerS > 0) ScheduleGap(_model.DeparturesPerS, Depart);
        if (_model.ArrivalsPerS > 0) ScheduleGap(_model.ArrivalsPerS, Arrive);
    }

    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        for (int node = 0; node < _tookDown.Length; node++)
        {
            if (!_tookDown[node]) continue;
            _tookDown[node] = false;
            if (Sim.Status[node] is NodeStatus.Crashed or NodeStatus.Left) _timeline.StartNode(node, this);
        }
    }

    /// <summary>
    /// Another fault started the node's process: it is no longer this process's to bring back, and
    /// under the Weibull model it begins a fresh session now (unless excluded).
    /// </summary>
    public void OnStartedElsewhere(int node)
    {
        if (_stopped) return;
        _tookDown[node] = false;
        if (_model.Weibull && !Excluded(node)) BeginSession(node);
    }

    private bool Excluded(int node) => _model.Exclude is { } ex && ex.Contains(node);

    private void ScheduleGap(double ratePerS, Action step) =>
        _timeline.Later(Sim.NowUs + Math.Max(1, (long)Math.Round(Exponential.Sample(_random, ratePerS) * 1e6)), () =>
        {
            if (_stopped) return;
            step();
            ScheduleGap(ratePerS, step);
        });

    private void Depart()
    {
        int node = PickUniform(n => Sim.IsUpAndNotLeaving(n) && !Excluded(n));
        if (node >= 0) TakeDown(node);
        else DeparturesSkipped++;
    }

    private void Arrive()
    {
        int node = PickUniform(n => Sim.Status[n] == NodeStatus.Absent || (_tookDown[n] && Sim.Status[n] is NodeStatus.Crashed or NodeStatus.Left));
        if (node < 0) ArrivalsSkipped++;
        else BringUp(node);
    }

    /// <summary>
    /// Starts the node again. A process still handing its leave over (an Akka member not yet
    /// exited when its downtime ends) is stopped first, its leave ending there, as an operator's
    /// restart would end it.
    /// </summary>
    private void BringUp(int node)
    {
        if (Sim.IsLeaving(node)) Sim.StopNode(node, NodeStatus.Left);
        _tookDown[node] = false;
        Arrivals++;
        _timeline.StartNode(node, this);
    }

    private void TakeDown(int node)
    {
        Departures++;
        _tookDown[node] = true;
        if (_model.Leave) Sim.LeaveNode(node);
        else Sim.StopNode(node, NodeStatus.Crashed);
    }

    private void BeginSession(int node)
    {
        int session = ++_latestSession[node];
        _sessionStartUs[node] = Sim.NowUs;
        long lengthUs = Math.Max(1, (long)Math.Round(Weibull.Sample(_random, _model.Shape, _model.ScaleUs)));
        _timeline.Later(Sim.NowUs + lengthUs, () =>
        {
            if (_stopped || _latestSession[node] != session) return;
            // Another fault stopped the process during the session, or is taking it out by a leave
            // the process still runs (Akka's handover, Cassandra's ring delay): the session ended
            // with it, and the start that brings the node back begins the next one (OnStartedElsewhere).
            if (Sim.Status[node] is NodeStatus.Crashed or NodeStatus.Left || Sim.IsLeaving(node)) return;
            // A paused process cannot depart now; it stays in the process with a fresh session,
            // since dropping it would lower the realized departure rate for the rest of the run.
            if (Sim.Status[node] == NodeStatus.Paused)
            {
                BeginSession(node);
                return;
            }
            SessionsUs.Add(Sim.NowUs - _sessionStartUs[node]);
            TakeDown(node);
            if (_model.DowntimeUs is not long downUs) return;
            long backUs = Math.Max(1, (long)Math.Round(Exponential.Sample(_random, 1.0 / downUs)));
            _timeline.Later(Sim.NowUs + backUs, () =>
            {
                // A start by another fault during the downtime began a session already.
                if (_stopped || _latestSession[node] != session) return;
                BringUp(node);
                BeginSession(node);
            });
        });
    }

    /// <summary>A uniformly drawn node among those <paramref name="candidate"/> accepts, by rank in id order; -1 when none.</summary>
    private int PickUniform(Func<int, bool> candidate)
    {
        int count = 0;
        for (int n = 0; n < Sim.NodeCount; n++) if (candidate(n)) count++;
        if (count == 0) return -1;
        int rank = _stream.NextInt(count);
        for (int n = 0; n < Sim.NodeCount; n++)
            if (candidate(n) && rank-- == 0) return n;
        return -1;
    }
}
