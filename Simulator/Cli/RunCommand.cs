using System.CommandLine;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary><c>gossipsim run</c>: runs the scenarios of a file (or one shard of them) and writes the result set.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenarios = new ScenarioOptions();
        var seed = new Option<ulong?>("--seed") { Description = "First seed (replaces the file's seed)" };
        var seeds = new Option<int?>("--seeds") { Description = "Replications per sweep point (replaces the file's seeds)" };
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => "results" };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (default: core count, divided by --threads)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noTiming = new Option<bool>("--no-timing") { Description = "Leave wall-clock columns out, so outputs are byte-identical across runs" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress line or table" };
        var resume = new Option<bool>("--resume") { Description = "Skip runs already committed in the output directory" };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of N (i/N, 1-based): a stable split by run id; join shards with 'merge'" };
        var maxMemory = new Option<string?>("--max-memory") { Description = "Refuse runs estimated to need more than this (e.g. 8GB; default: memory available)" };
        var threads = ThreadsOption();

        var command = new Command("run", "Run scenarios and write runs.csv, events.csv, summary.csv, plots, report and manifest.json")
        {
            seed, seeds, output, parallel, noTiming, quiet, resume, shard, maxMemory, threads,
        };
        scenarios.AddTo(command);
        command.SetAction(result => Cli.Guard(() =>
        {
            var (parallelRuns, threadCount, maxMemoryBytes) = RunLimits(result, parallel, threads, maxMemory);
            if (result.GetValue(seeds) is int n && n < 1) throw new UserError("--seeds: must be at least 1");
            var runShard = ParseShard(result.GetValue(shard));
            var (set, points) = scenarios.Load(result);
            var plan = RunPlan.From(points, result.GetValue(seed), result.GetValue(seeds));
            var job = new RunJob(set, points, plan, runShard, result.GetValue(output)!, !result.GetValue(noTiming), result.GetValue(quiet))
            {
                Threads = threadCount,
            };
            return job.Execute(parallelRuns, result.GetValue(resume), maxMemoryBytes);
        }));
        return command;
    }

    /// <summary>--parallel, --threads and --max-memory, checked; shared with check.</summary>
    public static (int Parallel, int Threads, double? MaxMemoryBytes) RunLimits(ParseResult result, Option<int> parallel, Option<int> threads, Option<string?> maxMemory)
    {
        int p = result.GetValue(parallel);
        if (p < 1) throw new UserError("--parallel: must be at least 1");
        int t = Threads(result, threads);
        return (RunsAtOnce(result, parallel, p, t), t, MemoryLimit(result.GetValue(maxMemory)));
    }

    /// <summary>--threads: shared by run, check and bench.</summary>
    public static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "Split each run across this many threads where it can be split (rumor-family protocols, a network delay of at least 1us, no pause or slow faults); the results are the same",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>
    /// Runs at once with each split across <paramref name="threads"/>: by default as many as fill the
    /// cores. A split run's threads spin between windows, so more threads than cores slow every run
    /// down; asked for explicitly, that is done, with a note.
    /// </summary>
    private static int RunsAtOnce(ParseResult result, Option<int> parallel, int parallelRuns, int threads)
    {
        if (threads == 1) return parallelRuns;
        if (result.GetResult(parallel) is null or { Implicit: true }) return Math.Max(1, Environment.ProcessorCount / threads);
        NoteIfOversubscribed($"--parallel {parallelRuns} x --threads {threads}", parallelRuns * threads);
        return parallelRuns;
    }

    /// <summary>Says so when <paramref name="asked"/> comes to more threads than cores (run, check and bench).</summary>
    public static void NoteIfOversubscribed(string asked, int threads)
    {
        if (threads > Environment.ProcessorCount)
            Console.Error.WriteLine($"note: {asked} is more threads than this machine's {Environment.ProcessorCount} cores; a split run's threads wait for each other, so it runs slower");
    }

    /// <summary>--threads, checked.</summary>
    public static int Threads(ParseResult result, Option<int> threads) =>
        result.GetValue(threads) is var t && t >= 1 ? t : throw new UserError("--threads: must be at least 1");

    /// <summary>
    /// Refuses, before anything is built, points whose runs are estimated not to fit in memory
    /// (<paramref name="parallel"/> at once, within <paramref name="limitBytes"/> or what is
    /// available): building one would end in the runtime's out-of-memory error, or in the kernel's
    /// kill of the whole process.
    /// </summary>
    public static void RequireMemory(IEnumerable<ScenarioSpec> points, int parallel, double? limitBytes)
    {
        var refusals = MemoryGuard.Check(points, parallel, limitBytes ?? MemoryGuard.AvailableBytes());
        if (refusals.Count > 0) throw new UserError(string.Join(Environment.NewLine + "error: ", refusals) + Environment.NewLine + "nothing was run");
    }

    /// <summary>--max-memory as bytes; null when not given (the guard then uses what is available).</summary>
    public static double? MemoryLimit(string? text) => text is null ? null
        : MemoryGuard.ParseBytes(text) ?? throw new UserError($"--max-memory: '{text}' is not a size (e.g. 512MB, 8GB)");

    private static RunShard ParseShard(string? text)
    {
        if (text is null) return RunShard.All;
        return RunShard.Parse(text, out string? problem) ?? throw new UserError("--shard: " + problem);
    }
}
