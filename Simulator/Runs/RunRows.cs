using GossipSim.Analysis;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Runs;

/// <summary>The rows a finished (or failed) run contributes to the result files.</summary>
public static class RunRows
{
    public static readonly IReadOnlyList<string> TimeseriesHeader =
        ["run_id", "scenario", "point", "seed", "t_s", "view_accuracy", "suspected_pairs", "dead_pairs", "up_nodes", "bytes_per_s"];

    public static readonly IReadOnlyList<string> EventHeader =
        ["run_id", "scenario", "point", "seed", "kind", "subject", "t0_s", "t50_s", "t90_s", "t99_s", "t100_s", "observers", "known_fraction", "converged", "censored"];

    /// <summary>
    /// Columns of curves.csv: <c>event</c> is the event's index among its run's rows of
    /// events.csv (a run can hold two events of one kind and subject), <c>q</c> the fraction of
    /// its observers, <c>t_s</c> the seconds since the event until that fraction knew it (empty
    /// when it never did).
    /// </summary>
    public static readonly IReadOnlyList<string> CurveHeader = ["run_id", "scenario", "point", "seed", "event", "kind", "subject", "q", "t_s"];

    public static RunPart Of(RunOutcome outcome)
    {
        var setup = outcome.Setup;
        var events = new List<ResultRow>(outcome.Events.Count);
        foreach (var e in outcome.Events) events.Add(Event(setup, e));
        var samples = new List<ResultRow>(outcome.Samples.Count);
        foreach (var s in outcome.Samples) samples.Add(Sample(setup, s));
        var curves = new List<ResultRow>(outcome.Events.Count * ClusterEventResult.CurveLevels);
        for (int i = 0; i < outcome.Events.Count; i++) AddCurve(curves, setup, i, outcome.Events[i]);
        return new RunPart(setup.RunId, [outcome.Row], events, samples) { Curves = curves, Declarations = outcome.Declarations };
    }

    private static void AddCurve(List<ResultRow> rows, RunSetup setup, int index, ClusterEventResult e)
    {
        string[] identity = [setup.RunId, setup.Scenario, CellFormat.Integer(setup.PointIndex), CellFormat.Integer((long)setup.Seed), CellFormat.Integer(index), e.Kind, CellFormat.Integer(e.Subject)];
        for (int k = 1; k <= e.CurveUs.Length; k++)
        {
            var row = new ResultRow();
            for (int c = 0; c < identity.Length; c++) row.Add(CurveHeader[c], identity[c]);
            long t = e.CurveUs[k - 1];
            rows.Add(row.Add("q", CellFormat.Real(k / (double)ClusterEventResult.CurveLevels)).AddSeconds("t_s", t < 0 ? null : t));
        }
    }

    /// <summary>A run that threw: recorded with its seed and error, so the sweep goes on and the failure can be replayed.</summary>
    public static RunPart Failed(RunSetup setup, Exception error)
    {
        var row = Identity(setup).Add("status", "failed").Add("error", error.GetType().Name + ": " + error.Message);
        return new RunPart(setup.RunId, [row], [], []);
    }

    public static ResultRow Identity(RunSetup setup)
    {
        var row = new ResultRow()
            .Add("run_id", setup.RunId)
            .Add("scenario", setup.Scenario)
            .Add("point", setup.PointIndex);
        foreach (var p in setup.Parameters) row.Add("param." + p.Key, p.Value);
        return row.Add("seed", setup.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static ResultRow Sample(RunSetup setup, ViewSample s)
    {
        var row = Identity(setup)
            .AddSeconds("t_s", s.TimeUs)
            .Add("view_accuracy", s.ViewAccuracy)
            .Add(RunMetrics.HasSuspectState(setup) ? "suspected_pairs" : "phi_half_pairs", s.SuspectedPairs)
            .Add("dead_pairs", s.DeadPairs)
            .Add("up_nodes", s.UpNodes)
            .Add("bytes_per_s", s.BytesPerS);
        // Evaluated requests in the period before t_s, by outcome (docs/routing.md); only runs with a workload.
        if (s.Requests is { } r)
            row.Add("request_ok", r.Ok).Add("request_sent_to_dead", r.SentToDead).Add("request_needless_hint", r.NeedlessHint).Add("request_wrong_owner", r.WrongOwner);
        return row;
    }

    private static ResultRow Event(RunSetup setup, ClusterEventResult e) =>
        Identity(setup)
            .Add("kind", e.Kind)
            .Add("subject", e.Subject)
            .AddSeconds("t0_s", e.T0Us)
            .AddSeconds("t50_s", e.T50Us)
            .AddSeconds("t90_s", e.T90Us)
            .AddSeconds("t99_s", e.T99Us)
            .AddSeconds("t100_s", e.T100Us)
            .Add("observers", e.Observers)
            .Add("known_fraction", e.KnownFraction)
            .Add("converged", e.Converged ? "true" : "false")
            .Add("censored", e.Censored ? "true" : "false");
}
