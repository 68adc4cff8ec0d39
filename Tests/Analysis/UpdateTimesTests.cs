using GossipSim.Analysis;

namespace GossipSim.Tests.Analysis;

/// <summary>
/// The report's t50, t99 and t100 describe the same updates: those that reached every observer.
/// runs.csv averages t99 over every update that reached 99% and t100 over those that reached
/// everyone, so a rumor that stalls just short of everyone made t99 look slower than t100.
/// </summary>
public class UpdateTimesTests
{
    private string _directory = null!;
    private string _markdown = null!;

    /// <summary>
    /// Scenario "stall", one run, three updates: two reach everyone (t99 1.0 and 1.1 s, t100 1.2
    /// and 1.3 s), the third reaches 99% at 9.1 s and never everyone, so runs.csv has t99_s_mean
    /// 3.733 (all three) above t100_s_mean 1.25 (two). Scenario "nofile" has no events.csv rows:
    /// seed 1's two updates both converged (t99 1, t100 2), seed 2's did not all (t99 5, t100 2).
    /// </summary>
    [OneTimeSetUp]
    public void WriteReport()
    {
        _directory = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), "updates");
        Directory.CreateDirectory(_directory);
        ResultRow Run(string scenario, int seed, int updates, int converged, double t50, double t99, double t100) => new ResultRow()
            .Add("run_id", $"{scenario}/p0/s{seed}").Add("scenario", scenario).Add("point", "0").Add("seed", seed).Add("status", "ok")
            .Add("updates", updates).Add("updates_converged", converged)
            .Add("known_fraction_mean", 0.99).Add("t50_s_mean", t50).Add("t99_s_mean", t99).Add("t100_s_mean", t100).Add("bytes_per_node_s_mean", 100.0);
        ResultRow Update(int subject, string t50, string t99, string t100) => new ResultRow()
            .Add("run_id", "stall/p0/s1").Add("scenario", "stall").Add("point", "0").Add("seed", 1).Add("kind", RunPoint.UpdateKind)
            .Add("subject", subject).Add("t0_s", subject).Add("t50_s", t50).Add("t90_s", t99).Add("t99_s", t99).Add("t100_s", t100)
            .Add("observers", 100).Add("known_fraction", t100.Length > 0 ? 1.0 : 0.99).Add("converged", t100.Length > 0 ? "true" : "false");
        CsvTable.WriteAtomically(Path.Combine(_directory, "runs.csv"),
        [
            Run("stall", 1, 3, 2, 0.6, (1.0 + 1.1 + 9.1) / 3, 1.25),
            Run("nofile", 1, 2, 2, 0.5, 1, 2),
            Run("nofile", 2, 2, 1, 0.5, 5, 2),
        ]);
        CsvTable.WriteAtomically(Path.Combine(_directory, "events.csv"),
        [
            Update(0, "0.5", "1", "1.2"),
            Update(1, "0.6", "1.1", "1.3"),
            Update(2, "0.7", "9.1", ""),
        ]);
        ReportWriter.WriteAll(_directory, null);
        _markdown = File.ReadAllText(Path.Combine(_directory, ReportWriter.MarkdownFile));
    }

    [OneTimeTearDown]
    public void Clean() => AnalysisFixture.Delete(_directory);

    [Test]
    public void ConvergedUpdates_AverageEachTimeOverTheUpdatesThatReachedEveryone()
    {
        var stall = ResultSet.Load(_directory).Points.Single(p => p.Scenario == "stall");
        Assert.Multiple(() =>
        {
            Assert.That(stall.ConvergedUpdates("t50_s_mean").Mean, Is.EqualTo(0.55).Within(1e-9));
            Assert.That(stall.ConvergedUpdates("t99_s_mean").Mean, Is.EqualTo(1.05).Within(1e-9));
            Assert.That(stall.ConvergedUpdates("t100_s_mean").Mean, Is.EqualTo(1.25).Within(1e-9), "the same as runs.csv's t100_s_mean");
            Assert.That(stall.ReachedAllShare, Is.EqualTo(2.0 / 3).Within(1e-9));
        });
    }

    [Test]
    public void ConvergedUpdates_WithoutEvents_UseOnlyTheRunsWhoseEveryUpdateConverged()
    {
        var nofile = ResultSet.Load(_directory).Points.Single(p => p.Scenario == "nofile");
        Assert.Multiple(() =>
        {
            Assert.That(nofile.ConvergedUpdates("t99_s_mean").Mean, Is.EqualTo(1), "seed 2's t99 of 5 s counts an update that never converged");
            Assert.That(nofile.ConvergedUpdates("t100_s_mean").N, Is.EqualTo(1));
            Assert.That(nofile.ReachedAllShare, Is.EqualTo(0.75).Within(1e-9));
        });
    }

    [Test]
    public void Report_NeverShowsT99AboveT100_InAnyTableRow()
    {
        int checkedRows = 0;
        foreach (var (header, row) in Tables(_markdown))
        {
            int t99 = header.IndexOf("t99 (s)"), t100 = header.IndexOf("t100 (s)");
            if (t99 < 0 || t100 < 0 || row[t100] == "–") continue;
            Assert.That(Mean(row[t99]), Is.LessThanOrEqualTo(Mean(row[t100])), string.Join(" | ", row));
            checkedRows++;
        }
        Assert.That(checkedRows, Is.EqualTo(4), "both scenarios in the overview and in their sections");
    }

    [Test]
    public void Report_ShowsTheShareThatReachedEveryone_AndT99OfAllUpdatesBesideIt()
    {
        var section = Tables(_markdown).Where(t => t.Header[0] == "point" && t.Row[0] == "point 0").ToList();
        var stall = section[0];
        Assert.Multiple(() =>
        {
            Assert.That(stall.Row[stall.Header.IndexOf("t99 (s)")], Is.EqualTo("1.05"));
            Assert.That(stall.Row[stall.Header.IndexOf("t100 (s)")], Is.EqualTo("1.25"));
            Assert.That(stall.Row[stall.Header.IndexOf("reached all")], Is.EqualTo("0.667"));
            Assert.That(stall.Row[stall.Header.IndexOf("t99 of all updates (s)")], Is.EqualTo("3.733"), "runs.csv's t99_s_mean, labelled as over all updates");
            Assert.That(_markdown, Does.Contain("means over the updates that reached every observer"), "the tables say what the columns are");
        });
    }

    private static double Mean(string cell) => double.Parse(cell.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every row of every Markdown table, with its table's header.</summary>
    private static IEnumerable<(List<string> Header, List<string> Row)> Tables(string markdown)
    {
        var lines = markdown.Split('\n');
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith("| ", StringComparison.Ordinal) || !lines[i + 1].StartsWith("| ---", StringComparison.Ordinal)) continue;
            var header = Cells(lines[i]);
            foreach (string line in lines.Skip(i + 2).TakeWhile(l => l.StartsWith("| ", StringComparison.Ordinal))) yield return (header, Cells(line));
        }
    }

    private static List<string> Cells(string line) => line.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToList();
}
