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
        var pointA = new Option<string?>("--a") { Description = "Compare only this point of DIR_A: SCENARIO@POINT (point number or label)" };
        var pointB = new Option<string?>("--b") { Description = "Compare only this point of DIR_B: SCENARIO@POINT; with --a, two points of one sweep can be compared (DIR_A = DIR_B)" };
        var command = new Command("compare",
            "Compare two result sets metric by metric (runs paired by seed: paired t and Wilcoxon signed-rank; otherwise Welch t and Mann-Whitney U)")
            { a, b, output, pointA, pointB };
        command.SetAction(result => Cli.Guard(() =>
        {
            string dirA = result.GetValue(a)!, dirB = result.GetValue(b)!;
            PlotCommand.RequireResultSet(dirA);
            PlotCommand.RequireResultSet(dirB);
            // A run, check or merge writing either set would change it while it is read, and the
            // comparison goes into DIR_B by default: both wait their turn as any writer does.
            using var heldA = OutputDirectory.Lock(dirA);
            using var heldB = OutputDirectory.Identity(dirB) == OutputDirectory.Identity(dirA) ? null : OutputDirectory.Lock(dirB);
            foreach (string dir in new[] { dirA, dirB }.Distinct()) PlotCommand.NoteMissingRuns(dir, "its points are compared over the runs it holds");
            string outDir = result.GetValue(output) ?? dirB;
            // compare replaces only the comparison it wrote before; anything else of that name is the user's.
            if ((OutputDirectory.FileOnTheWay(outDir) ?? Comparison.WhyNotWritable(outDir)) is { } problem) throw new UserError($"--out: {problem}; compare never overwrites other files: choose another --out");
            Comparison.PointSelector? Select(Option<string?> option)
            {
                string? text = result.GetValue(option);
                if (text is null) return null;
                try { return Comparison.PointSelector.Parse(text); }
                catch (FormatException e) { throw new UserError($"{option.Name}: {e.Message}"); }
            }
            var selectA = Select(pointA);
            var selectB = Select(pointB);
            var rows = Comparison.Write(dirA, dirB, outDir, selectA, selectB);
            if (rows.Count == 0)
                throw new UserError(selectA is null && selectB is null
                    ? $"{dirA} and {dirB} share no scenario and sweep point with a metric in common: nothing to compare (name points with --a and --b)"
                    : $"no point matches {result.GetValue(pointA) ?? result.GetValue(pointB)} in {(selectA is null ? dirB : dirA)}, or the points share no metric");
            var flagged = rows.Where(r => r.Get("significant") == "yes").ToList();
            foreach (var r in flagged)
                Console.WriteLine($"{Comparison.PointName(r)} {r.Get("metric")}: {r.Get("mean_a")} -> {r.Get("mean_b")} (diff {r.Get("diff_mean")} [{r.Get("diff_ci95_low")}, {r.Get("diff_ci95_high")}], {r.Get("test")} p={r.Get("p")}, {r.Get("rank_test")} p={r.Get("rank_p")})");
            int paired = rows.Count(r => r.Get("test") == Comparison.PairedTest);
            Console.WriteLine($"{rows.Count} comparisons ({paired} paired by seed, {rows.Count - paired} unpaired), {flagged.Count} significant at p < 0.05; table in {Path.Combine(outDir, "comparison.csv")}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
