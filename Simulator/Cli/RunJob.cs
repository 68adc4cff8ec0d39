using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// One invocation's work: refuse what cannot fit in memory, take the output directory (locked,
/// and refused if it holds anything but this plan's results), run this shard of the plan into
/// it, assemble the result files, write the manifest (with the whole plan, so shards can be
/// merged and checked), and tell the user how it went.
/// </summary>
public sealed class RunJob(ScenarioSet scenarios, IReadOnlyList<ScenarioSpec> points, RunPlan plan, RunShard shard, string outputDirectory,
    bool timing, bool quiet)
{
    /// <summary>What an interrupted job tells the user to do next; check has no --resume, so it says something else.</summary>
    public string InterruptHint { get; init; } = "rerun with --resume to finish";

    /// <summary>Threads each run is split across where it can be (<see cref="RunExecutor.Split"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>For check, which always runs afresh: clear the results gossipsim wrote here before running.</summary>
    public bool Fresh { get; init; }

    /// <param name="maxMemoryBytes">The memory guard's limit; null = what the machine or container makes available.</param>
    /// <param name="parallel">Runs at once (each on one thread unless <see cref="Threads"/> splits it).</param>
    /// <param name="resume">Skip runs whose rows the output directory already holds.</param>
    public int Execute(int parallel, bool resume, double? maxMemoryBytes)
    {
        double limit = maxMemoryBytes ?? MemoryGuard.AvailableBytes();
        RunCommand.RequireMemory(points, parallel, limit);
        var runs = plan.Runs.Where(r => shard.Contains(r.RunId)).ToList();
        using var output = OutputDirectory.Open(outputDirectory);
        if (Fresh) output.ClearResults();
        var store = output.Store;
        var runner = new SweepRunner(store, timing) { Threads = Threads };
        output.RequireOnly(plan.Runs.Select(PlannedRun.Of).ToList(), resume ? runner.Maker : null, Console.Error);
        // The first Ctrl-C or SIGTERM stops the runs under way and keeps the finished ones; a second
        // one, while that is being written up, ends the process at once.
        using var interrupt = new InterruptSignal(() =>
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("interrupting: stopping the runs under way (Ctrl-C again to quit at once)");
        });
        var progress = quiet ? null : new ProgressLine(Console.Error);
        SweepProgress final;
        try
        {
            final = runner.Run(runs, parallel, resume, progress is null ? null : progress.Show, interrupt.Token, limit);
        }
        finally
        {
            progress?.Finish();
        }
        bool interrupted = interrupt.Requested;
        output.BeginAssembly();
        store.Assemble(runs);
        Manifest.Of(scenarios, plan, shard, Environment.GetCommandLineArgs().Skip(1)).Write(outputDirectory);
        var report = ReportSettings.From(points);
        report.WriteSettings(outputDirectory);
        // Plots take seconds; after a Ctrl-C the user wants the prompt back, and `plot` makes them later.
        if (interrupted) output.ClearReport();
        else ReportWriter.WriteAll(outputDirectory, report);
        if (!quiet) ResultTable.Print(Console.Out, CsvTable.Read(Path.Combine(outputDirectory, ResultStore.RunsFile)), timing);
        NoteUnsplitRuns(runner.Outcomes);
        if (interrupted)
        {
            Console.Error.WriteLine($"interrupted: {final.Done + final.Skipped} of {final.Total} runs kept in {outputDirectory} "
                + $"({final.Done} finished now, {final.Skipped} before; runs.csv and events.csv hold them, no report was made); {InterruptHint}");
            return ExitCodes.Interrupted;
        }
        if (final.Failed > 0)
        {
            Console.Error.WriteLine($"{final.Failed} of {final.Total} runs failed; see the status and error columns of {Path.Combine(outputDirectory, ResultStore.RunsFile)}");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }

    /// <summary>Says how many runs --threads could not split: they ran on one thread, and a user timing them should know.</summary>
    private void NoteUnsplitRuns(IReadOnlyList<RunOutcome> outcomes)
    {
        int single = outcomes.Count(o => o.Threads == 1);
        if (Threads == 1 || single == 0) return;
        Console.Error.WriteLine($"note: --threads {Threads} split {outcomes.Count - single} of the {outcomes.Count} runs made now; {single} ran on one thread "
            + "(only rumor-family runs without pause or slow faults, on a network whose shortest delay is at least 1us, can be split; see docs/running.md)");
    }
}
