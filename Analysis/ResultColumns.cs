namespace GossipSim.Analysis;

/// <summary>
/// What the columns of the result files mean to analysis: which ones identify a run, which are
/// sweep parameters, and which are metrics. Metrics are recognised generically (every column
/// that is not identity and whose cells are all numbers or empty), so a metric added to the
/// simulator later is summarised, compared and reported without a change here.
/// </summary>
public static class ResultColumns
{
    public const string RunId = "run_id";
    public const string Scenario = "scenario";
    public const string Point = "point";
    public const string Seed = "seed";
    public const string Status = "status";
    public const string Error = "error";
    public const string ParameterPrefix = "param.";

    /// <summary>events.csv: true when the run ended too soon after the event to call it failed (right-censored, docs/measurements.md).</summary>
    public const string Censored = "censored";

    /// <summary>Columns of events.csv that describe an event rather than measure it.</summary>
    private static readonly HashSet<string> EventIdentity = new(StringComparer.Ordinal) { "kind", "subject", "converged", Censored };

    private static readonly HashSet<string> RunIdentity = new(StringComparer.Ordinal) { RunId, Scenario, Point, Seed, Status, Error };

    public static bool IsParameter(string column) => column.StartsWith(ParameterPrefix, StringComparison.Ordinal);

    public static bool IsIdentity(string column) =>
        RunIdentity.Contains(column) || EventIdentity.Contains(column) || IsParameter(column);

    /// <summary>Sweep parameter columns in order of first appearance.</summary>
    public static List<string> Parameters(IEnumerable<ResultRow> rows) => CsvTable.Columns(rows).Where(IsParameter).ToList();

    /// <summary>Numeric non-identity columns in order of first appearance; a column with any non-numeric cell is not a metric.</summary>
    public static List<string> Metrics(IReadOnlyList<ResultRow> rows)
    {
        var metrics = new List<string>();
        foreach (string column in CsvTable.Columns(rows))
        {
            if (IsIdentity(column)) continue;
            bool any = false, numeric = true;
            foreach (var row in rows)
            {
                string cell = row.Get(column) ?? "";
                if (cell.Length == 0) continue;
                if (!CellFormat.TryParseReal(cell, out _)) { numeric = false; break; }
                any = true;
            }
            if (any && numeric) metrics.Add(column);
        }
        return metrics;
    }

    /// <summary>The cell as a number; NaN when missing, empty or not a number.</summary>
    public static double Number(ResultRow row, string column) =>
        CellFormat.TryParseReal(row.Get(column) ?? "", out double v) ? v : double.NaN;

    /// <summary>Whether an events.csv row is right-censored; rows without the column (older files) are not.</summary>
    public static bool IsCensored(ResultRow row) => row.Get(Censored) == "true";

    /// <summary>A run counts when it finished; rows without a status column (older files) count too.</summary>
    public static bool IsOk(ResultRow row) => (row.Get(Status) ?? "ok") == "ok";
}
