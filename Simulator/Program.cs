using System.CommandLine;
using GossipSim.Simulator.Cli;

namespace GossipSim.Simulator;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("gossipsim: a deterministic discrete-event simulator of large gossip clusters")
        {
            RunCommand.Create(),
            BenchCommand.Create(),
            PlotCommand.Create(),
            CompareCommand.Create(),
            ValidateCommand.Create(),
            ListCommand.Create(),
            MergeCommand.Create(),
            CheckCommand.Create(),
            ReplayCommand.Create(),
            InitCommand.Create(),
            TuneCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped option or value is bad input like any other: exit 2, which check keeps apart from "a bound broke" (1).
            foreach (var error in parsed.Errors) Console.Error.WriteLine("error: " + error.Message);
            string command = parsed.CommandResult.Command == root ? "" : " " + parsed.CommandResult.Command.Name;
            Console.Error.WriteLine($"see: gossipsim{command} --help");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke();
    }
}
