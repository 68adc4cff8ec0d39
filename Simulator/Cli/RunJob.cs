using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// One invocation's work: refuse what cannot fit in memory, run this shard of the plan into an
/// output directory, assemble the result files, write the manifest (with the whole plan, so
/// shards can be merged and checked), and tell the user how it went.
/// </summary>
public sealed class RunJob(ScenarioSet scenarios, IReadOnlyList<ScenarioSpec> points, RunPlan plan, RunShard shard, string outputDirectory,
    bool timing, bool quiet)
{
    /// <param name="maxMemoryBytes">The memory guard's limit; null = what the machine or container makes available.</param>
    /// <param name="parallel">Runs at once (each run is single-threaded).</param>
    /// <param name="resume">Skip runs whose rows the output directory already holds.</param>
    public int Execute(int parallel, bool resume, double? maxMemoryBytes)
    {
        var refusals = MemoryGuard.Check(points, parallel, maxMemoryBytes ?? MemoryGuard.AvailableBytes());
        if (refusals.Count > 0) throw new UserError(string.Join(Environment.NewLine + "error: ", refusals) + Environment.NewLine + "nothing was run");
        var runs = plan.Runs.Where(r => shard.Contains(r.RunId)).ToList();
        var store = new ResultStore(outputDirectory);
        var runner = new SweepRunner(store, timing);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var progress = quiet ? null : new ProgressLine(Console.Error);
        SweepProgress final;
        try
        {
            final = runner.Run(runs, parallel, resume, progress is null ? null : progress.Show, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            progress?.Finish();
        }
        store.Assemble(runs.Select(r => r.RunId).ToList());
        Manifest.Of(scenarios, plan, shard, Environment.GetCommandLineArgs().Skip(1)).Write(outputDirectory);
        var report = ReportSettings.From(points);
        report.WriteSettings(outputDirectory);
        ReportWriter.WriteAll(outputDirectory, report);
        if (!quiet) ResultTable.Print(Console.Out, CsvTable.Read(Path.Combine(outputDirectory, ResultStore.RunsFile)), timing);
        if (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"interrupted: {final.Done + final.Skipped} of {final.Total} runs kept in {outputDirectory}; rerun with --resume to finish");
            return ExitCodes.Interrupted;
        }
        if (final.Failed > 0)
        {
            Console.Error.WriteLine($"{final.Failed} of {final.Total} runs failed; see the status and error columns of {Path.Combine(outputDirectory, ResultStore.RunsFile)}");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }
}
