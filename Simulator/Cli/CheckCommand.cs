using System.CommandLine;
using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim check</c>: runs the selected scenarios, holds them to their <c>expect:</c>
/// bounds (and, with --baseline, to a stored result set), prints a table, writes JUnit XML.
/// Exit 1 when any bound or baseline comparison fails, 2 on bad input.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var scenarios = new ScenarioOptions();
        var junit = new Option<string?>("--junit") { Description = "Write a JUnit XML report here" };
        var baseline = new Option<string?>("--baseline") { Description = "Also compare with this stored result set (fail where significantly worse by more than --tolerance)" };
        var tolerance = new Option<string>("--tolerance") { Description = "How much worse than the baseline a metric may get (e.g. 10%)", DefaultValueFactory = _ => "10%" };
        var updateBaseline = new Option<bool>("--update-baseline") { Description = "Store this check's results as the --baseline directory instead of comparing" };
        var output = new Option<string>("--out") { Description = "Where the checked runs' result set goes", DefaultValueFactory = _ => "check-results" };
        var seed = new Option<ulong?>("--seed") { Description = "First seed (replaces the file's seed; fresh seeds guard against a lucky set)" };
        var seeds = new Option<int?>("--seeds") { Description = "Replications per sweep point (replaces the file's seeds)" };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (default: core count, divided by --threads)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Refuse runs estimated to need more than this (default: memory available)" };
        var threads = RunCommand.ThreadsOption();
        var command = new Command("check", "Run scenarios and check their expect: bounds (and a baseline); JUnit XML; exit 1 on any failure")
        {
            junit, baseline, tolerance, updateBaseline, output, seed, seeds, parallel, maxMemory, threads,
        };
        scenarios.AddTo(command);
        command.SetAction(result => Cli.Guard(() =>
        {
            var (parallelRuns, threadCount, maxMemoryBytes) = RunCommand.RunLimits(result, parallel, threads, maxMemory);
            double allowed = ParseTolerance(result.GetValue(tolerance)!);
            string? baselineDir = result.GetValue(baseline);
            bool update = result.GetValue(updateBaseline);
            if (update && baselineDir is null) throw new UserError("--update-baseline: needs --baseline DIR to write to");
            // check clears its --out before running: were it the baseline, the baseline would be lost and the runs compared with themselves.
            if (baselineDir is not null && OutputDirectory.Identity(baselineDir) == OutputDirectory.Identity(result.GetValue(output)!))
                throw new UserError($"--baseline {baselineDir}: is also the --out directory; check replaces its --out with fresh runs, so the baseline must live elsewhere");
            if (baselineDir is not null && !update) PlotCommand.RequireResultSet(baselineDir);
            // Where the results will be stored is judged before anything runs, so a refused path costs no runs and loses no file.
            if (update && OutputDirectory.WhyNotWritable(baselineDir!, "--baseline") is { } problem) throw new UserError("--baseline: " + problem);
            if (result.GetValue(junit) is { } junitTarget) JUnitReport.RequireWritable(junitTarget);
            var (set, points) = scenarios.Load(result);
            var expectations = points.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Expectations);
            if (baselineDir is null && expectations.Values.All(e => e.Count == 0))
                throw new UserError("none of the selected scenarios has an expect: list, and no --baseline was given: nothing to check");

            var unknown = ExpectationCheck.UnknownMetrics(points);
            if (unknown.Count > 0) throw new ScenarioException(unknown);
            string outDir = result.GetValue(output)!;
            if (result.GetValue(seeds) is int n && n < 1) throw new UserError("--seeds: must be at least 1");
            var tooFewSeeds = ExpectationCheck.TooFewSeeds(points, result.GetValue(seeds));
            if (tooFewSeeds.Count > 0) throw new ScenarioException(tooFewSeeds);
            var plan = RunPlan.From(points, result.GetValue(seed), result.GetValue(seeds));
            // A check always runs afresh: it clears the results gossipsim wrote in --out (and refuses a directory that is not a result set).
            var job = new RunJob(set, points, plan, RunShard.All, outDir, timing: false, quiet: true)
            {
                Fresh = true,
                Threads = threadCount,
                InterruptHint = "nothing was checked; run check again",
            };
            int ran = job.Execute(parallelRuns, resume: false, maxMemoryBytes);
            if (ran == ExitCodes.Interrupted) return ran;

            var verdicts = ExpectationCheck.Evaluate(ResultSet.Load(outDir), expectations);
            if (update)
            {
                StoreBaseline(outDir, baselineDir!);
                Console.WriteLine($"baseline written to {baselineDir}");
            }
            else if (baselineDir is not null)
            {
                var chosen = points.GroupBy(p => p.Name)
                    .Where(g => ExpectationCheck.BaselineMetrics(g.First()).Count > 0)
                    .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double>)ExpectationCheck.BaselineMetrics(g.First())
                        .ToDictionary(m => m, m => ParseTolerance(g.First().Text("baseline." + m))));
                verdicts.AddRange(BaselineCheck.Evaluate(baselineDir, outDir, allowed, chosen));
            }
            PrintTable(verdicts);
            if (result.GetValue(junit) is { } junitPath) JUnitReport.Write(junitPath, verdicts);
            int failed = verdicts.Count(v => !v.Passed);
            Console.WriteLine($"{verdicts.Count - failed} of {verdicts.Count} checks passed ({plan.Runs.Count} runs in {outDir})");
            return failed > 0 || ran == ExitCodes.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    private static double ParseTolerance(string text)
    {
        string t = text.Trim();
        bool percent = t.EndsWith('%');
        if (!double.TryParse(percent ? t[..^1] : t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) || v < 0 || !double.IsFinite(v))
            throw new UserError($"--tolerance: '{text}' is not a tolerance (e.g. 10% or 0.1)");
        return percent ? v / 100 : v;
    }

    /// <summary>
    /// The result files a later comparison reads; plots and reports are not part of a baseline. The
    /// baseline directory is held like any output while it is replaced, and what an earlier
    /// baseline or run left there (its parts, curves, report) is cleared first, so it never holds
    /// files of two configurations; the manifest is copied last.
    /// </summary>
    private static void StoreBaseline(string from, string to)
    {
        using var baseline = OutputDirectory.Open(to, "--baseline");
        baseline.ClearResults();
        foreach (string file in new[] { ResultStore.RunsFile, ResultStore.EventsFile, ResultStore.TimeseriesFile, ReportInputs.SettingsFile, Manifest.FileName })
        {
            string source = Path.Combine(from, file);
            if (File.Exists(source)) AtomicFile.Copy(source, Path.Combine(to, file));
        }
    }

    private static void PrintTable(IReadOnlyList<CheckVerdict> verdicts)
    {
        var failing = verdicts.Where(v => !v.Passed).ToList();
        var lines = new List<string[]> { new[] { "result", "scenario", "point", "check", "bound", "observed", "margin", "worst seed" } };
        lines.AddRange(verdicts.Select(v => new[]
        {
            v.Passed ? "pass" : "FAIL", v.Scenario, v.Point, v.Name, v.Bound,
            double.IsNaN(v.Observed) ? "-" : v.Observed.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), v.Margin, v.WorstSeed,
        }));
        var widths = Enumerable.Range(0, lines[0].Length).Select(i => lines.Max(l => l[i].Length)).ToArray();
        foreach (var line in lines) Console.WriteLine(string.Join("  ", line.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var v in failing)
        {
            string replay = v.WorstRunId.Length > 0 ? $" (replay: gossipsim replay --run-id {v.WorstRunId})" : "";
            Console.WriteLine($"FAIL {v.Scenario} [{v.Point}] {v.Name}: {v.Detail}{replay}");
        }
    }
}
