namespace GossipSim.Simulator.Runs;

/// <summary>
/// Joins the result directories of shards of one plan into one result set. Every run of the
/// plan must be held by exactly one source, as a part committed from the very spec the plan
/// names: a missing run would silently thin a sweep point's statistics, a doubled one would
/// count a seed twice, and a part from another spec (a shard run with another --set) would
/// pass its rows off as replications of this point, so each refuses the merge. The parts are
/// committed into the target and assembled in plan order, which gives the bytes a
/// single-machine run gives.
/// </summary>
public static class ResultMerger
{
    /// <summary>Every reason the sources do not make exactly the plan; empty when they do.</summary>
    public static List<string> Check(IReadOnlyList<PlannedRun> plan, IReadOnlyList<ResultStore> sources)
    {
        var problems = new List<string>();
        var planned = plan.Select(r => ResultStore.FolderName(r.RunId)).ToHashSet(StringComparer.Ordinal);
        foreach (var source in sources)
            foreach (string folder in source.PartFolders().Where(f => !planned.Contains(f)))
                problems.Add($"{source.Directory}: run '{folder.Replace("__", "/")}' is not in the plan of the manifests");
        // The first valid part sets how every other must have been made (version, wall-clock columns).
        PartMaker? first = null;
        foreach (var run in plan)
        {
            var holders = new List<string>();
            bool unusable = false;
            foreach (var source in sources)
            {
                var check = source.Inspect(run.RunId, run.SpecSha256, first);
                if (check.State == PartState.Valid)
                {
                    holders.Add(source.Directory);
                    first ??= source.MakerOf(run.RunId);
                }
                else if (check.State != PartState.Missing)
                {
                    problems.Add($"{source.Directory}: run '{run.RunId}': {check.Reason}");
                    unusable = true;
                }
            }
            if (holders.Count == 0 && !unusable)
                problems.Add($"run '{run.RunId}' is missing: no directory holds it (a shard not run, or not finished: rerun it with --resume)");
            else if (holders.Count > 1)
                problems.Add($"run '{run.RunId}' is doubled: held by {string.Join(" and ", holders)} (the same shard given twice, or overlapping --shard splits)");
        }
        return problems;
    }

    /// <summary>Commits each run's part from the source that holds it, then assembles the combined files in plan order.</summary>
    public static void Merge(IReadOnlyList<PlannedRun> plan, IReadOnlyList<ResultStore> sources, ResultStore target)
    {
        foreach (var run in plan)
            target.Import(sources.Single(s => s.Inspect(run.RunId, run.SpecSha256).State == PartState.Valid), run.RunId, run.SpecSha256);
        target.Assemble(plan.Select(r => r.RunId).ToList());
    }
}
