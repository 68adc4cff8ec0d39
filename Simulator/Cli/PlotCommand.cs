using System.CommandLine;
using GossipSim.Analysis;

namespace GossipSim.Simulator.Cli;

/// <summary><c>gossipsim plot DIR</c>: regenerates summary.csv, plots and reports from a result set's CSVs, without rerunning.</summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "A result directory written by run" };
        var command = new Command("plot", "Regenerate summary.csv, plots/*.png, report.md and report.html from the CSVs") { directory };
        command.SetAction(result => Cli.Guard(() =>
        {
            string dir = result.GetValue(directory)!;
            RequireResultSet(dir);
            var outcome = ReportWriter.WriteAll(dir, new ReportInputs().WithSettingsFrom(dir));
            Console.WriteLine($"wrote {Path.Combine(dir, "report.html")} with {outcome.Plots.Count} plots");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static void RequireResultSet(string dir)
    {
        if (!File.Exists(Path.Combine(dir, "runs.csv")))
            throw new UserError($"{dir}: not a result directory (no runs.csv)");
    }
}
