using System.Text.RegularExpressions;
using GossipSim.Analysis;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Docs;

/// <summary>
/// The result files' columns against the pages that describe them: docs/measurements.md's table
/// of runs.csv columns names every column a run writes and no column none writes, and
/// docs/analysis.md names every column of summary.csv, comparison.csv, events.csv and timeseries.csv.
/// </summary>
public class ResultColumnsDocTests
{
    [Test]
    public void MeasurementsTable_NamesEveryRunsCsvColumn_AndNoOther()
    {
        var documented = RunsColumnsTable();
        var written = EveryColumnRuns.Columns();
        Assert.Multiple(() =>
        {
            Assert.That(written.Where(c => !documented.Any(d => Matches(d, c))), Is.Empty,
                "runs.csv columns missing from docs/measurements.md, 'Result columns'");
            Assert.That(documented.Where(d => !written.Any(c => Matches(d, c))), Is.Empty,
                "columns docs/measurements.md names that no run writes");
        });
    }

    [Test]
    public void Analysis_NamesEveryColumnOfSummaryComparisonEventsAndTimeseries()
    {
        string analysis = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "analysis.md"));
        string[] timeseries = [.. RunRows.TimeseriesHeader, "phi_half_pairs", "request_ok", "request_sent_to_dead", "request_needless_hint", "request_wrong_owner"];
        var missing = Missing(Paragraph(analysis, "### summary.csv"), SummaryBuilder.StatisticColumns, "summary.csv")
            .Concat(Missing(Paragraph(analysis, "### comparison.csv"), Comparison.StatisticColumns, "comparison.csv"))
            .Concat(Missing(Paragraph(analysis, "- `events.csv`, one row per cluster event"), RunRows.EventHeader, "events.csv"))
            .Concat(Missing(Paragraph(analysis, "- `timeseries.csv`, one row per run"), timeseries, "timeseries.csv"));
        Assert.That(missing, Is.Empty, "columns docs/analysis.md does not name where it lists the file's columns");
    }

    [Test]
    public void Measurements_NamesEveryColumnOfCurves()
    {
        string measurements = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "measurements.md"));
        Assert.That(Missing(Paragraph(measurements, "## Dissemination curves"), RunRows.CurveHeader, "curves.csv"), Is.Empty);
    }

    /// <summary>The backticked names in the first cell of each row of the runs.csv table; <c>&lt;type&gt;</c> and <c>*</c> stand for any name part.</summary>
    private static List<string> RunsColumnsTable()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "measurements.md"));
        int start = text.IndexOf("## Result columns", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/measurements.md has a 'Result columns' section");
        int end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var names = new List<string>();
        foreach (string line in text[start..(end < 0 ? text.Length : end)].Split('\n'))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal)) continue;
            string firstCell = line.Split('|')[1];
            names.AddRange(Regex.Matches(firstCell, "`([^`]+)`").Select(m => m.Groups[1].Value));
        }
        return names;
    }

    private static bool Matches(string documented, string column) =>
        Regex.IsMatch(column, "^" + Regex.Replace(Regex.Escape(documented), @"<[a-z ]+>|\\\*", "[a-z0-9_.]+") + "$");

    /// <summary>From the line that starts with <paramref name="heading"/> to the next blank line.</summary>
    private static string Paragraph(string text, string heading)
    {
        int start = text.IndexOf(heading, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"'{heading}' not found");
        int body = text.IndexOf('\n', start) + 1;
        while (body < text.Length && text[body] == '\n') body++;
        int end = text.IndexOf("\n\n", body, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static IEnumerable<string> Missing(string paragraph, IEnumerable<string> columns, string file) =>
        columns.Where(c => !Regex.IsMatch(paragraph, $@"(?<![\w.]){Regex.Escape(c)}(?!\w)")).Select(c => $"{file}: {c}");
}
