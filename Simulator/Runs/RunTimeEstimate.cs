using GossipSim.Scenarios;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Events and wall time of one run of a sweep point, measured rather than modelled: the point's
/// first seed runs for the opening stretch of its virtual time, and the pace of that stretch's
/// second half (past the cold start: joins, first full syncs) is carried to the full duration. Unlike <see cref="RunCost"/>'s formula this sees everything that changes
/// the event rate, loss and retransmissions, suspicions, the protocol's own timers, at the price
/// of running a little of each point.
/// </summary>
/// <remarks>
/// The window is <see cref="WindowShare"/> of the run, at least <see cref="MinWindowUs"/>; it is
/// run twice, to its middle and to its end, and the difference is the second half's pace. A
/// cluster still settling then (suspicions under loss accumulate for a while) and faults
/// scheduled after the window are not seen, so the estimate is good to about a factor of 1.5.
/// </remarks>
public sealed record RunTimeEstimate(double Events, double WallSeconds, long WindowUs)
{
    public const double WindowShare = 0.1;

    public const long MinWindowUs = 2_000_000;

    public static RunTimeEstimate Measure(ScenarioSpec point)
    {
        var setup = ScenarioCompiler.Compile(point, point.Seed);
        long window = Math.Min(setup.DurationUs, Math.Max(MinWindowUs, (long)(setup.DurationUs * WindowShare)));
        var half = RunExecutor.Execute(setup, timing: false, stopAtUs: window / 2);
        var whole = RunExecutor.Execute(setup, timing: false, stopAtUs: window);
        // The rest of the run at the second half's pace (per microsecond of virtual time).
        double rest = (setup.DurationUs - window) / (window - window / 2.0);
        double events = whole.EventsProcessed + rest * Math.Max(0, whole.EventsProcessed - half.EventsProcessed);
        double seconds = whole.LoopSeconds + rest * Math.Max(0, whole.LoopSeconds - half.LoopSeconds);
        return new RunTimeEstimate(events, seconds, window);
    }

    public static string FormatSeconds(double seconds) => seconds switch
    {
        >= 3600 => $"{seconds / 3600:0.0} h",
        >= 60 => $"{seconds / 60:0.0} min",
        >= 1 => $"{seconds:0.0} s",
        _ => $"{seconds * 1000:0} ms",
    };
}
