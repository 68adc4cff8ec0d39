using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// One invocation's work: run the plan into an output directory, assemble the result files,
/// write the manifest, and tell the user how it went.
/// </summary>
public sealed class RunJob(ScenarioSet scenarios, RunPlan plan, ReportInputs report, string outputDirectory, bool timing, bool quiet)
{
    public int Execute(int parallel, bool resume)
    {
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
            final = runner.Run(plan.Runs, parallel, resume, progress is null ? null : progress.Show, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            progress?.Finish();
        }
        var runIds = plan.Runs.Select(r => r.RunId).ToList();
        store.Assemble(runIds);
        Manifest.Write(Path.Combine(outputDirectory, "manifest.json"), scenarios, plan, Environment.GetCommandLineArgs().Skip(1));
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
