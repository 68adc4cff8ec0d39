namespace GossipSim.Analysis;

/// <summary>
/// The fraction of observers that know an event, as a function of time since it happened,
/// rebuilt from the four quantile points events.csv keeps: it is 0 at t = 0, 0.5 at t50,
/// 0.9 at t90, 0.99 at t99 and 1 at t100, linear in between. After the last level the event
/// reached it stays at that level, so an unconverged event flattens out below 1 instead of
/// vanishing. Linear interpolation is a reconstruction: the true curve between knots is not kept.
/// </summary>
public static class DisseminationCurve
{
    public static readonly IReadOnlyList<(string Column, double Fraction)> Levels =
        [("t50_s", 0.5), ("t90_s", 0.9), ("t99_s", 0.99), ("t100_s", 1.0)];

    /// <summary>(time since the event in seconds, fraction that knows), starting at (0, 0), in time order.</summary>
    public static List<(double TimeS, double Fraction)> Knots(ResultRow eventRow)
    {
        var knots = new List<(double, double)> { (0.0, 0.0) };
        foreach (var (column, fraction) in Levels)
        {
            double t = ResultColumns.Number(eventRow, column);
            if (!double.IsNaN(t)) knots.Add((t, fraction));
        }
        return knots;
    }

    public static double FractionAt(IReadOnlyList<(double TimeS, double Fraction)> knots, double timeS)
    {
        int last = -1;
        for (int i = 0; i < knots.Count; i++) if (knots[i].TimeS <= timeS) last = i;
        if (last < 0) return 0.0;
        if (last == knots.Count - 1) return knots[last].Fraction;
        var (t0, f0) = knots[last];
        var (t1, f1) = knots[last + 1];
        return f0 + (f1 - f0) * (timeS - t0) / (t1 - t0);
    }

    /// <summary>The time of the last level reached (0 when even t50 was not).</summary>
    public static double LastKnotTimeS(ResultRow eventRow) => Knots(eventRow)[^1].TimeS;
}
