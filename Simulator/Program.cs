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
        return root.Parse(args).Invoke();
    }
}
