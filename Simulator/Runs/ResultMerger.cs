namespace GossipSim.Simulator.Runs;

/// <summary>
/// Joins the result directories of shards of one plan into one result set. Every run of the
/// plan must be held by exactly one source: a missing run would silently thin a sweep point's
/// statistics and a doubled one would count a seed twice, so either refuses the merge. The
/// parts are committed into the target and assembled in plan order, which gives the bytes a
/// single-machine run gives.
/// </summary>
public static class ResultMerger
{
    /// <summary>Every reason the sources do not make exactly the plan; empty when they do.</summary>
    public static List<string> Check(IReadOnlyList<string> planRunIds, IReadOnlyList<ResultStore> sources)
    {
        var problems = new List<string>();
        var planned = planRunIds.Select(ResultStore.FolderName).ToHashSet(StringComparer.Ordinal);
        foreach (var source in sources)
            foreach (string folder in source.PartFolders().Where(f => !planned.Contains(f)))
                problems.Add($"{source.Directory}: run '{folder.Replace("__", "/")}' is not in the plan of the manifests");
        foreach (string runId in planRunIds)
        {
            var holders = sources.Where(s => s.Has(runId)).Select(s => s.Directory).ToList();
            if (holders.Count == 0) problems.Add($"run '{runId}' is missing: no directory holds it (a shard not run, or not finished: rerun it with --resume)");
            else if (holders.Count > 1) problems.Add($"run '{runId}' is doubled: held by {string.Join(" and ", holders)} (the same shard given twice, or overlapping --shard splits)");
        }
        return problems;
    }

    /// <summary>Commits each run's part from the source that holds it, then assembles the combined files in plan order.</summary>
    public static void Merge(IReadOnlyList<string> planRunIds, IReadOnlyList<ResultStore> sources, ResultStore target)
    {
        foreach (string runId in planRunIds) target.Import(sources.Single(s => s.Has(runId)), runId);
        target.Assemble(planRunIds);
    }
}
