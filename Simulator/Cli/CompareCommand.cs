using System.CommandLine;
using GossipSim.Analysis;

namespace GossipSim.Simulator.Cli;

/// <summary><c>gossipsim compare A B</c>: per scenario and metric, the difference with its CI and p-values.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("DIR_A") { Description = "Baseline result directory" };
        var b = new Argument<string>("DIR_B") { Description = "Result directory to compare with it" };
        var output = new Option<string?>("--out") { Description = "Where comparison.csv and comparison.png go (default DIR_B)" };
        var command = new Command("compare", "Compare two result sets metric by metric (Welch t-test, Mann-Whitney U)") { a, b, output };
        command.SetAction(result => Cli.Guard(() =>
        {
            string dirA = result.GetValue(a)!, dirB = result.GetValue(b)!;
            PlotCommand.RequireResultSet(dirA);
            PlotCommand.RequireResultSet(dirB);
            string outDir = result.GetValue(output) ?? dirB;
            Directory.CreateDirectory(outDir);
            var rows = Comparison.Write(dirA, dirB, outDir);
            if (rows.Count == 0)
                throw new UserError($"{dirA} and {dirB} have no scenario, sweep point and metric in common: nothing to compare");
            var flagged = rows.Where(r => r.Get("significant") == "yes").ToList();
            foreach (var r in flagged)
                Console.WriteLine($"{r.Get("scenario")} {r.Get("metric")}: {r.Get("mean_a")} -> {r.Get("mean_b")} (diff {r.Get("diff_mean")} [{r.Get("diff_ci95_low")}, {r.Get("diff_ci95_high")}], p={r.Get("welch_p")})");
            Console.WriteLine($"{rows.Count} comparisons, {flagged.Count} significant at p < 0.05; table in {Path.Combine(outDir, "comparison.csv")}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
