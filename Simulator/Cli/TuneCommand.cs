using System.CommandLine;
using System.Globalization;
using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Scenarios.Expectations;
using GossipSim.Simulator.Runs;
using GossipSim.Simulator.Tuning;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim tune</c>: searches a scenario's settings for the best feasible point (one
/// objective) or the Pareto front (several), under <c>expect:</c>-style bounds decided with
/// confidence, and writes an ordinary result set plus front.csv, recommended.yaml, plots and
/// report.html. Exit 0 with a recommendation, 1 when no point was shown feasible, 2 on bad input.
/// </summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "Scenario file (default ./scenarios.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = new Option<string>("--scenario") { Description = "The scenario to tune", Required = true };
        var set = new Option<string[]>("--set") { Description = "Fix a key of the scenario: PATH=VALUE (repeatable)" };
        var param = new Option<string[]>("--param") { Description = "A searched key: PATH=LOW..HIGH (whole numbers, durations, numbers) or PATH=a,b,c (repeatable)", Required = true };
        var minimize = new Option<string[]>("--minimize") { Description = "A runs.csv metric to make small: its mean across seeds (repeatable)" };
        var maximize = new Option<string[]>("--maximize") { Description = "A runs.csv metric to make large (repeatable; after the --minimize ones)" };
        var subjectTo = new Option<string[]>("--subject-to") { Description = "A bound in the expect: syntax, METRIC[.STAT] OP BOUND (repeatable)" };
        var budget = new Option<int?>("--budget") { Description = "Most runs to spend (default: a third of the exhaustive grid's runs)" };
        var seedsMax = new Option<int>("--seeds-max") { Description = "Most seeds per point", DefaultValueFactory = _ => 6 };
        var confidence = new Option<string>("--confidence") { Description = "Confidence of feasibility decisions and intervals (e.g. 95%)", DefaultValueFactory = _ => "95%" };
        var levels = new Option<int>("--levels") { Description = "Levels a duration or number range is split into", DefaultValueFactory = _ => 9 };
        var seed = new Option<ulong?>("--seed") { Description = "First seed of every point (replaces the scenario's) and seed of the initial design" };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (default: core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--out") { Description = "Output directory", Required = true };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "Run every grid point with --seeds-max seeds instead of searching (the reference to judge a search by)" };
        var resume = new Option<bool>("--resume") { Description = "Reuse runs already committed in the output directory" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines" };
        var command = new Command("tune", "Search a scenario's settings: the best feasible point or the Pareto front; front.csv, recommended.yaml, plots, report.html")
        {
            file, scenario, set, param, minimize, maximize, subjectTo, budget, seedsMax, confidence, levels, seed, parallel, output, exhaustive, resume, quiet,
        };
        command.SetAction(result => Cli.Guard(() =>
        {
            int parallelRuns = result.GetValue(parallel);
            if (parallelRuns < 1) throw new UserError("--parallel: must be at least 1");
            int maxSeeds = result.GetValue(seedsMax);
            if (maxSeeds < 2) throw new UserError("--seeds-max: must be at least 2 (a confidence interval needs two seeds)");
            if (result.GetValue(levels) is < 2 or > MaxLevels) throw new UserError($"--levels: must be 2 to {MaxLevels}");
            var space = new TuneSpace(ParseParameters(result.GetValue(param) ?? [], result.GetValue(levels)));
            var goal = new TuneGoal(ParseObjectives(result.GetValue(minimize) ?? [], result.GetValue(maximize) ?? []),
                ParseConstraints(result.GetValue(subjectTo) ?? []), ParseConfidence(result.GetValue(confidence)!));
            var settings = Settings(space, result.GetValue(budget), maxSeeds, result.GetValue(seed), result.GetValue(exhaustive));

            string path = result.GetValue(file) ?? ScenarioInput.DefaultFile;
            string name = result.GetValue(scenario)!;
            var overrides = result.GetValue(set) ?? [];
            var (scenarioSet, specs) = CheckLevels(path, name, overrides, space);
            RunCommand.RequireMemory(specs, parallelRuns, null);
            // A misspelt metric is found before the output directory is touched, from the columns every level's runs will have.
            RequireMetrics(goal, specs.SelectMany(ExpectationCheck.Columns).Where(c => !ResultColumns.IsIdentity(c)).ToHashSet(StringComparer.Ordinal));
            ulong firstSeed = result.GetValue(seed) ?? scenarioSet.Points.Single(p => p.Name == name).Seed;

            string outDir = result.GetValue(output)!;
            // Locked, and refused unless empty or a gossipsim result set: a tune writes only where a run may.
            using var outputDirectory = OutputDirectory.Open(outDir);
            bool holdsRuns = outputDirectory.Store.PartFolders().Count > 0;
            if (!result.GetValue(resume) && holdsRuns)
                throw new UserError($"{outDir}: holds the runs of an earlier run or tune; --resume continues that tune, or choose another --out");
            // What the search is, recorded before its first run: --resume continues only the same one, so two searches never share runs or figures.
            string searchPath = Path.Combine(outDir, SearchFile);
            string search = Search(scenarioSet.ContentSha256,
            [
                (scenario.Name, name), (set.Name, overrides), (param.Name, result.GetValue(param)), (minimize.Name, result.GetValue(minimize)),
                (maximize.Name, result.GetValue(maximize)), (subjectTo.Name, result.GetValue(subjectTo)), (budget.Name, result.GetValue(budget)),
                (seedsMax.Name, maxSeeds), (confidence.Name, result.GetValue(confidence)), (levels.Name, result.GetValue(levels)),
                (seed.Name, result.GetValue(seed)), (exhaustive.Name, result.GetValue(exhaustive)), ("tool_version", Manifest.ToolVersion),
            ]);
            if (holdsRuns && (!File.Exists(searchPath) || File.ReadAllText(searchPath) != search))
                throw new UserError($"{outDir}: holds the runs of another search (or of a run); --resume continues only the same tune: the same file and "
                    + "--scenario, --set, --param, objectives, --subject-to, --budget, --seeds-max, --confidence, --levels, --seed and --exhaustive; choose another --out");
            AtomicFile.WriteText(searchPath, search, new System.Text.UTF8Encoding(false));
            var store = outputDirectory.Store;
            var interrupt = new InterruptSignal();
            var evaluator = new SimulationEvaluator(path, name, overrides, space, firstSeed, store, parallelRuns, result.GetValue(resume), interrupt.Token);
            var commandLine = Environment.GetCommandLineArgs().Skip(1).ToList();
            bool isQuiet = result.GetValue(quiet);
            TuneResult? found = null;
            try
            {
                // Checked after every round as well: a combination of levels not built above may still lack a metric.
                void Round(string line)
                {
                    if (evaluator.Reported.Count > 0) RequireMetrics(goal, evaluator.Reported);
                    if (!isQuiet) Console.Error.WriteLine(line);
                }
                found = new TuneSearch(space, goal, settings, evaluator) { OnRound = Round }.Run();
            }
            catch (OperationCanceledException)
            {
                // Finished runs are committed; they are assembled below and a rerun with --resume reuses them.
            }
            finally
            {
                interrupt.Dispose();
            }

            outputDirectory.BeginAssembly();
            store.Assemble(evaluator.Setups);
            Manifest.ForRuns(scenarioSet, evaluator.Setups, RunShard.All, commandLine).Write(outDir);
            if (found is null)
            {
                Console.Error.WriteLine($"interrupted: {evaluator.Setups.Count} runs kept in {outDir}; rerun the same command with --resume to go on");
                return ExitCodes.Interrupted;
            }
            // The bounds become the recommended scenario's expect: list, so `check` holds it to them.
            var recommendedSpec = found.Recommended is { } r
                ? SimulationEvaluator.Load(path, name, [.. overrides, ExpectOverride(goal)], space.Values(r.Levels), out _).Spec
                : null;
            ReportSettings.From(found.Points.Select(evaluator.Spec)).WriteSettings(outDir);
            var outputs = new TuneOutputs(outDir, space, goal, found, commandLine);
            outputs.WriteAll(recommendedSpec);
            Console.WriteLine($"{found.Runs} runs, {found.Points.Count} of {space.Size} points, {found.Rounds} round(s); stopped: {found.StopReason}");
            if (found.Recommended is null)
            {
                Console.WriteLine($"no point was shown to meet every bound; see {Path.Combine(outDir, TuneOutputs.FrontFile)}");
                return ExitCodes.Failed;
            }
            Console.WriteLine($"recommended: {outputs.Describe(found.Recommended)}");
            foreach (string m in goal.Metrics)
            {
                var e = found.Recommended.Estimates[m];
                Console.WriteLine($"  {m}: {e.Mean.ToString("G4", CultureInfo.InvariantCulture)} [{e.Low.ToString("G4", CultureInfo.InvariantCulture)}, {e.High.ToString("G4", CultureInfo.InvariantCulture)}]");
            }
            if (goal.Objectives.Count > 1) Console.WriteLine($"Pareto front: {found.Front.Count()} points");
            Console.WriteLine($"wrote {Path.Combine(outDir, TuneOutputs.RecommendedFile)}, {TuneOutputs.FrontFile} and {TuneOutputs.ReportFile}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The file in a tune's output directory that records which search its runs belong to.</summary>
    public const string SearchFile = "tune-search.txt";

    /// <summary>The most levels a range may be split into: each is a point the search may run, with its seeds.</summary>
    private const int MaxLevels = 1_000;

    /// <summary>
    /// The search as text, one line per setting that decides which runs it makes (values as parsed,
    /// so the order options were typed in does not matter), after the scenario file's content hash.
    /// </summary>
    private static string Search(string scenarioSha256, IEnumerable<(string Name, object? Value)> settings) =>
        string.Concat(settings.Prepend(("scenario_sha256", scenarioSha256)).Select(s => $"{s.Name}={Text(s.Value)}\n"));

    private static string Text(object? value) => value switch
    {
        null => "",
        string[] values => string.Join('\u001f', values),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string ExpectOverride(TuneGoal goal) =>
        "expect=[" + string.Join(", ", goal.Constraints.Select(c => "\"" + c.Text.Replace("\"", "", StringComparison.Ordinal) + "\"")) + "]";

    public static List<TuneParameter> ParseParameters(IReadOnlyList<string> texts, int levels)
    {
        if (texts.Count == 0) throw new UserError("--param: give at least one searched key, e.g. --param protocol.fanout=1..6");
        var parameters = new List<TuneParameter>();
        foreach (string text in texts)
        {
            var p = TuneParameter.Parse(text, levels, out string? problem) ?? throw new UserError($"--param {text}: {problem}");
            if (parameters.Any(q => q.Path == p.Path)) throw new UserError($"--param {text}: '{p.Path}' is searched twice");
            parameters.Add(p);
        }
        return parameters;
    }

    private static List<TuneObjective> ParseObjectives(IReadOnlyList<string> minimize, IReadOnlyList<string> maximize)
    {
        var objectives = minimize.Select(m => (Text: m, Max: false)).Concat(maximize.Select(m => (Text: m, Max: true)))
            .Select(o => TuneObjective.Parse(o.Text, o.Max, out string? problem) ?? throw new UserError($"{(o.Max ? "--maximize" : "--minimize")} {o.Text}: {problem}"))
            .ToList();
        if (objectives.Count == 0) throw new UserError("give at least one --minimize METRIC or --maximize METRIC");
        return objectives;
    }

    private static List<Expectation> ParseConstraints(IReadOnlyList<string> texts) =>
        texts.Select(t => TuneGoal.ParseConstraint(t, out string? problem) ?? throw new UserError($"--subject-to '{t}': {problem}")).ToList();

    private static double ParseConfidence(string text)
    {
        string t = text.Trim();
        bool percent = t.EndsWith('%');
        if (!double.TryParse(percent ? t[..^1] : t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) v = double.NaN;
        if (percent) v /= 100;
        if (!(v >= 0.5 && v < 1)) throw new UserError($"--confidence: '{text}' is not a confidence between 50% and 100% (e.g. 95% or 0.95)");
        return v;
    }

    private static TuneSettings Settings(TuneSpace space, int? budget, int seedsMax, ulong? seed, bool exhaustive)
    {
        int seedsMin = Math.Min(3, seedsMax);
        double grid = space.Size * (double)seedsMax;
        if (grid > int.MaxValue && (exhaustive || budget is null)) throw new UserError($"the grid has {space.Size} points: too many to run exhaustively or to size a default budget; give --budget");
        // By default a third of the grid, the saving a search is meant to make; a tiny grid still gets two points' worth.
        int runs = exhaustive ? (int)grid : budget ?? (int)Math.Max(Math.Ceiling(grid / 3), Math.Min(grid, 2 * seedsMin));
        if (runs < 2 * seedsMin) throw new UserError($"--budget: {runs} runs is too few; a search needs at least {2 * seedsMin} (two points of {seedsMin} seeds)");
        return new TuneSettings(runs, seedsMin, seedsMax, seed ?? 1, exhaustive);
    }

    /// <summary>
    /// Loads the scenario with each level of every parameter before anything runs, so a value the
    /// schema refuses is reported at once, naming the <c>--param</c> that produced it.
    /// </summary>
    private static (ScenarioSet First, List<ScenarioSpec> Specs) CheckLevels(string path, string name, IReadOnlyList<string> overrides, TuneSpace space)
    {
        ScenarioSet? first = null;
        var specs = new List<ScenarioSpec>();
        int most = space.Parameters.Max(p => p.Levels.Count);
        for (int i = 0; i < most; i++)
        {
            var levels = space.Parameters.Select(p => Math.Min(i, p.Levels.Count - 1)).ToArray();
            try
            {
                var (set, spec) = SimulationEvaluator.Load(path, name, overrides, space.Values(levels), out string? problem);
                if (spec is null) throw new UserError(problem!);
                first ??= set;
                specs.Add(spec);
            }
            catch (ScenarioException e)
            {
                var searched = space.Parameters.Select(p => p.Path).ToHashSet();
                throw new ScenarioException(e.Errors.Select(error => searched.Contains(error.File.Replace("--set ", "")) && error.Line == 0
                    ? error with { File = $"--param {error.File["--set ".Length..]}={space.Values(levels).First(v => "--set " + v.Key == error.File).Value}" }
                    : error).ToList());
            }
        }
        return (first!, specs);
    }

    /// <summary>A metric the runs do not report is a misspelling or the wrong scenario: say so rather than call every point infeasible.</summary>
    private static void RequireMetrics(TuneGoal goal, IReadOnlyCollection<string> reported)
    {
        var sorted = reported.Order(StringComparer.Ordinal).ToList();
        foreach (string m in goal.Metrics)
            if (!reported.Contains(m))
                throw new UserError($"'{m}' is not reported by any run of this scenario{Scenarios.Model.Suggest.Hint(m, sorted)}; metrics: {string.Join(", ", sorted)}");
    }
}
