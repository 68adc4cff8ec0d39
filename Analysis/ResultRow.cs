namespace GossipSim.Analysis;

/// <summary>
/// One row of a result file: named cells in column order, values already formatted as the
/// files hold them (invariant culture), so writing is a copy and reading back is exact.
/// </summary>
public sealed class ResultRow
{
    private readonly List<KeyValuePair<string, string>> _cells = new();

    public IReadOnlyList<KeyValuePair<string, string>> Cells => _cells;

    public ResultRow Add(string column, string value)
    {
        _cells.Add(new(column, value));
        return this;
    }

    public ResultRow Add(string column, long value) => Add(column, CellFormat.Integer(value));

    public ResultRow Add(string column, double value) => Add(column, CellFormat.Real(value));

    public ResultRow AddSeconds(string column, long? microseconds) => Add(column, CellFormat.Seconds(microseconds));

    public string? Get(string column)
    {
        foreach (var c in _cells) if (c.Key == column) return c.Value;
        return null;
    }
}
