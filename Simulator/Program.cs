using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator;

public static class Program
{
    public static int Main(string[] args)
    {
        int n = int.Parse(args[0]);
        long d = long.Parse(args[1]) * 1_000_000;
        ulong seed = ulong.Parse(args[2]);
        var o = RunExecutor.Execute(Bw1Workload.Setup(n, d, seed));
        foreach (var c in o.Row.Cells) Console.Write($"{c.Key}={c.Value} ");
        Console.WriteLine();
        return 0;
    }
}
