namespace GossipSim.Analysis;

/// <summary>
/// The fraction of observers that know one event, as a function of time since it happened,
/// read from curves.csv: <see cref="TimesS"/>[k - 1] is the time at which k% of the event's
/// observers knew it (nearest rank, NaN when never). The curve is the step function those
/// times make, so a jump in the data stays a jump here, and an event that never reached every
/// observer stays below 1. Resolution is one percent: the fraction this gives at any time is
/// the true fraction rounded down to a whole percent.
/// </summary>
public sealed record DisseminationCurve(string RunId, string Event, string Kind, double[] TimesS)
{
    /// <summary>The fraction that knew by <paramref name="timeS"/> seconds after the event.</summary>
    public double FractionAt(double timeS)
    {
        // The times are ordered with the never-reached levels (NaN) last, so the levels reached
        // by timeS are a prefix: count it by binary search.
        int low = 0, high = TimesS.Length;
        while (low < high)
        {
            int mid = (low + high) / 2;
            if (TimesS[mid] <= timeS) low = mid + 1;
            else high = mid;
        }
        return (double)low / TimesS.Length;
    }

    /// <summary>The time of the highest level the event reached (0 when it reached none).</summary>
    public double LastTimeS => TimesS.Where(t => !double.IsNaN(t)).DefaultIfEmpty(0.0).Max();

    /// <summary>The curves of the events of one kind among curves.csv rows, in file order (each event's rows are contiguous).</summary>
    public static List<DisseminationCurve> Of(IEnumerable<ResultRow> curveRows, string kind)
    {
        var curves = new List<DisseminationCurve>();
        string? runId = null, eventId = null;
        var times = new List<double>();
        void Flush()
        {
            if (runId is not null && times.Count > 0) curves.Add(new DisseminationCurve(runId, eventId!, kind, [.. times]));
            times.Clear();
        }
        foreach (var row in curveRows)
        {
            if ((row.Get("kind") ?? "") != kind) continue;
            string rowRun = row.Get(ResultColumns.RunId) ?? "", rowEvent = row.Get("event") ?? "";
            if (rowRun != runId || rowEvent != eventId)
            {
                Flush();
                runId = rowRun;
                eventId = rowEvent;
            }
            times.Add(ResultColumns.Number(row, "t_s"));
        }
        Flush();
        return curves;
    }
}
