using CsvHelper;

namespace GossipSim.Analysis;

/// <summary>
/// Reads and writes result files (runs.csv, events.csv, ...). Rows may carry different columns
/// (one scenario sweeps a parameter another does not): the header is the union in order of
/// first appearance, and a row without a column leaves its cell empty.
/// </summary>
public static class CsvTable
{
    private static readonly CsvWriterOptions WriterOptions = new() { NewLine = "\n" };

    public static List<string> Columns(IEnumerable<ResultRow> rows)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
            foreach (var cell in row.Cells)
                if (seen.Add(cell.Key)) columns.Add(cell.Key);
        return columns;
    }

    public static void Write(TextWriter writer, IReadOnlyList<ResultRow> rows, IReadOnlyList<string>? columns = null)
    {
        columns ??= Columns(rows);
        // No columns means no rows either: an empty file, since a CSV header needs a field.
        if (columns.Count == 0) return;
        using var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
        foreach (var c in columns) csv.WriteField(c);
        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var c in columns) csv.WriteField(row.Get(c) ?? "");
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>Writes to a temporary file and renames it into place, so a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, IReadOnlyList<ResultRow> rows, IReadOnlyList<string>? columns = null)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            Write(writer, rows, columns);
        });
    }

    /// <summary>
    /// The files repeat a few values down a column over and over (run ids, scenario names, event
    /// kinds, levels of curves.csv), so each distinct value is kept once rather than once a row;
    /// the files are UTF-8, which the reader parses as bytes.
    /// A record with more or fewer fields than the header (a hand edit) would shift its values into
    /// the wrong columns, so it is refused rather than read.
    /// </summary>
    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with { PoolStrings = true, FieldCountMismatch = CsvFieldCountHandling.Throw };

    public static List<ResultRow> Read(string path)
    {
        using var csv = CsvReader.Create(File.OpenRead(path), ReaderOptions, leaveOpen: false);
        var rows = new List<ResultRow>();
        var header = csv.Headers;
        while (csv.Read())
        {
            var row = new ResultRow();
            for (int i = 0; i < header.Count; i++) row.Add(header[i], csv.GetString(i));
            rows.Add(row);
        }
        return rows;
    }
}
