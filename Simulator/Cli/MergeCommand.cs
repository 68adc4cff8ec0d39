using System.CommandLine;
using GossipSim.Analysis;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim merge DIR... --out DIR</c>: joins the output directories of <c>run --shard i/N</c>
/// into the result set one machine would have written. The manifests must all come from the same
/// scenario file and plan; every planned run must be held exactly once.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("DIR") { Description = "Shard output directories", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged output directory", Required = true };
        var command = new Command("merge", "Join shard outputs into one result set; refuses missing or doubled runs") { sources, output };
        command.SetAction(result => Cli.Guard(() =>
        {
            var dirs = result.GetValue(sources)!;
            string target = result.GetValue(output)!;
            if (dirs.Any(d => Path.GetFullPath(d) == Path.GetFullPath(target)))
                throw new UserError("--out: must not be one of the directories merged");
            var manifests = dirs.Select(Manifest.Read).ToList();
            var plan = manifests[0];
            var planIds = plan.Runs.Select(r => r.RunId).ToList();
            for (int i = 1; i < dirs.Length; i++)
            {
                if (manifests[i].ScenarioSha256 != plan.ScenarioSha256 || !manifests[i].Runs.Select(r => r.RunId).SequenceEqual(planIds))
                    throw new UserError($"{dirs[i]}: made from a different scenario file or plan than {dirs[0]}; shards must come from the same file, options and seeds");
            }
            var stores = dirs.Select(d => new ResultStore(d)).ToList();
            var problems = ResultMerger.Check(planIds, stores);
            if (problems.Count > 0)
                throw new UserError(string.Join(Environment.NewLine + "error: ", problems) + Environment.NewLine + "nothing was merged");
            ResultMerger.Merge(planIds, stores, new ResultStore(target));
            string settings = Path.Combine(dirs[0], ReportInputs.SettingsFile);
            if (File.Exists(settings)) File.Copy(settings, Path.Combine(target, ReportInputs.SettingsFile), overwrite: true);
            (plan with { Shard = RunShard.All.ToString(), CommandLine = Environment.GetCommandLineArgs().Skip(1).ToArray(), MergedFrom = dirs })
                .Write(target);
            ReportWriter.WriteAll(target, null);
            Console.WriteLine($"merged {planIds.Count} runs from {dirs.Length} directories into {target}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
