using GossipSim.Analysis;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Observation;

/// <summary>
/// declarations.csv says who declared whom and why; the heartbeat family's half-threshold view
/// carries its own name; replay's trace shows the beliefs; theory checks compare like with like.
/// </summary>
public class DeclarationsAndNamesTests
{
    private const string Swim =
        "scenarios:\n  - name: paused\n    nodes: 40\n    duration: 45s\n    protocol: {preset: memberlist-lan}\n" +
        "    faults: [{at: 5s, pause: {ids: [7]}, for: 30s}, {at: 6s, crash: {ids: [9]}}]\n";

    [Test]
    public void Declarations_OffByDefault_OnWithRecord_EachMarkWithTheTruthOfBothSides()
    {
        var off = RunRows.Of(RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single(Swim), 1), timing: false));
        Assert.That(off.Declarations, Is.Empty);

        var part = RunRows.Of(RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single(Swim, "record.declarations=true"), 1), timing: false));
        var aboutPaused = part.Declarations.Where(d => d.Get("subject") == "7").ToList();
        var aboutCrashed = part.Declarations.Where(d => d.Get("subject") == "9").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(CsvTable.Columns(part.Declarations), Is.EqualTo(new[] { "run_id", "t_s", "observer", "subject", "subject_state", "observer_state", "false" }));
            Assert.That(aboutPaused, Is.Not.Empty, "a node paused for 30 s is declared dead");
            Assert.That(aboutPaused.All(d => d.Get("subject_state") == "paused" && d.Get("false") == "true"));
            Assert.That(aboutCrashed.All(d => d.Get("subject_state") == "crashed" && d.Get("false") == "false"));
            Assert.That(aboutCrashed.Select(d => d.Get("observer")).Distinct().Count(), Is.GreaterThanOrEqualTo(37), "every live observer marked the crashed node");
            // The paused node's own marks while it ran were made as an up node; none while paused (it runs nothing).
            Assert.That(part.Declarations.Where(d => d.Get("observer") == "7").All(d => d.Get("observer_state") == "up"));
            Assert.That(part.Declarations.Count(d => d.Get("false") == "true"), Is.EqualTo(long.Parse(part.Runs[0].Get("fp_declarations")!)),
                "false rows are what fp_declarations counts");
        });
    }

    [Test]
    public void CrashedNodesBackWhileTheirDeathMarksSpread_LateVerdictsAreNotFalseDeaths()
    {
        // At 200 nodes memberlist's observers mark a crashed node dead about 10.6 to 10.9 s after
        // the crash (suspicion timeout at least 4 x log10(200) = 9.2 probe intervals): nodes back
        // 11 s after theirs are back while the slower observers' suspicions of them run out.
        const string yaml = "scenarios:\n  - name: back\n    nodes: 200\n    duration: 30s\n    protocol: {preset: memberlist-lan}\n" +
            "    updates: none\n    faults: [{at: 5s, crash: {count: 10, exclude: [0, 1, 2]}, for: 11s}]\n";
        var part = RunRows.Of(RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single(yaml, "record.declarations=true"), 1), timing: false));
        var run = part.Runs[0];
        long late = long.Parse(run.Get("late_death_marks")!);
        var restarted = part.Declarations.Where(d => d.Get("subject_state") == "restarted").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(late, Is.GreaterThan(100), "observers still suspecting the old processes mark them dead after the return");
            Assert.That(long.Parse(run.Get("fp_declarations")!), Is.Zero, "no process that was running was declared dead");
            Assert.That(long.Parse(run.Get("fp_cluster_wide")!), Is.Zero, "most observers holding a stopped process dead is no false episode");
            Assert.That(restarted.Count, Is.EqualTo(late));
            Assert.That(restarted.All(d => d.Get("false") == "false"));
        });
    }

    [Test]
    public void HeartbeatFamily_HalfThresholdView_HasItsOwnNames()
    {
        const string yaml = "scenarios:\n  - name: hb\n    nodes: 30\n    duration: 30s\n    protocol: {preset: cassandra}\n" +
            "    faults: [{at: 5s, crash: {ids: [9]}}]\n";
        var part = RunRows.Of(RunExecutor.Execute(ScenarioCompiler.Compile(ScenarioYaml.Single(yaml), 1), timing: false));
        var columns = CsvTable.Columns(part.Runs);
        var series = CsvTable.Columns(part.Timeseries);
        Assert.Multiple(() =>
        {
            Assert.That(columns, Does.Contain("phi_half_first_s").And.Contain("phi_half_crossings_cleared").And.Contain("detect_t50_s"));
            Assert.That(columns, Does.Not.Contain("detect_first_suspect_s").And.Not.Contain("suspicions_refuted"));
            Assert.That(series, Does.Contain("phi_half_pairs").And.Not.Contain("suspected_pairs"));
            // Digest exchange sends no push unless a node leaves: its column is 0, not empty.
            Assert.That(part.Runs[0].Get("bytes_push_per_node_s"), Is.EqualTo("0"));
        });
    }

    [Test]
    public void Replay_TraceHasSuspicionsAndDeathMarks()
    {
        string directory = CliRunner.TempDirectory();
        try
        {
            string file = Path.Combine(directory, "s.yaml");
            File.WriteAllText(file, Swim);
            var (code, output, error) = CliRunner.Run("replay", file, "--run-id", "paused/p0/s1", "--out", Path.Combine(directory, "r"), "--no-timing");
            Assert.That(code, Is.Zero, error);
            // The closing line names what was written, and each file it names is there.
            var named = System.Text.RegularExpressions.Regex.Matches(output, @"[a-z_]+\.csv").Select(m => m.Value).ToList();
            Assert.That(named, Does.Contain("curves.csv").And.Contain("trace.csv"));
            Assert.That(named.All(f => File.Exists(Path.Combine(directory, "r", f))), output);
            var lines = File.ReadAllLines(Path.Combine(directory, "r", "trace.csv"));
            Assert.That(lines.Any(l => l.Contains(",suspected,") && l.EndsWith(",9")), "a suspicion of the crashed node");
            Assert.That(lines.Any(l => l.Contains(",marked_dead,") && l.EndsWith(",9")), "a death mark of the crashed node");
            Assert.That(lines.Any(l => l.Contains(",refuted,") || l.Contains(",marked_alive,")), "the paused node's return shows");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void TheoryChecks_SwimAgainstFirstSuspicion_PhiAgainstTheTypicalObserver()
    {
        var runs = new[] { 1, 2 }.Select(seed => new ResultRow().Add("run_id", $"s/p0/s{seed}").Add("scenario", "s").Add("point", "0")
            .Add("seed", CellFormat.Integer(seed)).Add("status", "ok").Add("nodes", 100)
            .Add("detect_first_suspect_s", 1.9).Add("detect_first_s", 14.4).Add("detect_t50_s", 20.0)).ToList();
        var point = RunPoint.Group(runs, []).Single();
        var swim = AnalyticBaselines.For(point, new ScenarioSettings { Kind = "swim", ProbeIntervalS = 1 }).Single(c => c.Name.StartsWith("SWIM"));
        var phi = AnalyticBaselines.For(point, new ScenarioSettings { Kind = "heartbeat", PhiThreshold = 8, IntervalS = 1 }).Single();
        Assert.Multiple(() =>
        {
            Assert.That(swim.Metric, Is.EqualTo("detect_first_suspect_s"));
            Assert.That(swim.Simulated.Mean, Is.EqualTo(1.9).Within(1e-9));
            Assert.That(phi.Metric, Is.EqualTo("detect_t50_s"));
        });
    }
}
