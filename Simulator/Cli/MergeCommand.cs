using System.CommandLine;
using GossipSim.Analysis;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim merge DIR... --out DIR</c>: joins the output directories of <c>run --shard i/N</c>
/// into the result set one machine would have written. The manifests must all list the same
/// runs from the same specs (per-run spec hashes, so shards run with different --set are told
/// apart); every planned run must be held exactly once, by a part made from its spec.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var sources = new Argument<string[]>("DIR") { Description = "Shard output directories", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Merged output directory", Required = true };
        var command = new Command("merge", "Join shard outputs into one result set; refuses missing, doubled or foreign runs") { sources, output };
        command.SetAction(result => Cli.Guard(() =>
        {
            var dirs = result.GetValue(sources)!;
            string target = result.GetValue(output)!;
            // Compared as the directories they are, not as spelled: the same one named twice would otherwise be refused as "in use" by this very merge.
            var identities = dirs.Select(OutputDirectory.Identity).ToList();
            if (identities.Contains(OutputDirectory.Identity(target))) throw new UserError("--out: must not be one of the directories merged");
            for (int i = 1; i < dirs.Length; i++)
                if (identities.IndexOf(identities[i]) is var first && first < i)
                    throw new UserError($"{dirs[i]}: given twice (also as {dirs[first]}); name each shard directory once");
            var manifests = dirs.Select(Manifest.Read).ToList();
            var plan = manifests[0];
            var planned = plan.Runs.Select(r => new PlannedRun(r.RunId, r.SpecSha256)).ToList();
            for (int i = 1; i < dirs.Length; i++)
            {
                // Another version may compute other bytes from the same spec (the spec hash does not cover the simulator itself).
                if (manifests[i].Version != plan.Version)
                    throw new UserError($"{dirs[i]}: written by gossipsim {manifests[i].Version}, {dirs[0]} by {plan.Version}; "
                        + "shards must be run by one version of gossipsim: rerun the odd ones out");
                var other = manifests[i].Runs.Select(r => new PlannedRun(r.RunId, r.SpecSha256)).ToList();
                if (!other.SequenceEqual(planned))
                    throw new UserError($"{dirs[i]}: its runs were planned from a different configuration than {dirs[0]}'s "
                        + $"({Difference(planned, other)}); shards must come from the same file, --set options and seeds");
            }
            // Sources are locked too, so a shard still being written cannot be merged half-done.
            var locks = new List<OutputDirectory>();
            try
            {
                foreach (string dir in dirs) locks.Add(OutputDirectory.Open(dir));
                var stores = locks.Select(l => l.Store).ToList();
                var problems = ResultMerger.Check(planned, stores);
                if (problems.Count > 0)
                    throw new UserError(string.Join(Environment.NewLine + "error: ", problems) + Environment.NewLine + "nothing was merged");
                using var into = OutputDirectory.Open(target);
                into.RequireOnly(planned, resumingBeside: null, Console.Error);
                into.BeginAssembly();
                ResultMerger.Merge(planned, stores, into.Store);
                string settings = Path.Combine(dirs[0], ReportInputs.SettingsFile);
                if (File.Exists(settings)) AtomicFile.Copy(settings, Path.Combine(target, ReportInputs.SettingsFile));
                (plan with { Shard = RunShard.All.ToString(), CommandLine = Environment.GetCommandLineArgs().Skip(1).ToArray(), MergedFrom = dirs })
                    .Write(target);
                ReportWriter.WriteAll(target, null);
            }
            finally
            {
                foreach (var held in locks) held.Dispose();
            }
            Console.WriteLine($"merged {planned.Count} runs from {dirs.Length} directories into {target}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The first run where two plans part, in words.</summary>
    private static string Difference(IReadOnlyList<PlannedRun> a, IReadOnlyList<PlannedRun> b)
    {
        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i].RunId != b[i].RunId) return $"run {i + 1} is '{a[i].RunId}' in one and '{b[i].RunId}' in the other";
            if (a[i].SpecSha256 != b[i].SpecSha256) return $"run '{a[i].RunId}' has a different spec hash: another --set, or an edited file";
        }
        return $"{a.Count} runs against {b.Count}";
    }
}
