using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Sweeps;

/// <summary>Reads a scenario's `sweep:` map into a <see cref="SweepPlan"/>, reporting every problem.</summary>
internal static class SweepParser
{
    private static readonly string[] SweepKeys = ["grid", "zip"];

    // Keys that identify or describe a scenario rather than configure a run.
    private static readonly string[] NotSweepable = ["name", "tags", "description", "sweep"];

    public static SweepPlan? Parse(RawNode? raw, ErrorSink errors)
    {
        if (raw is null)
        {
            return SweepPlan.None;
        }

        if (raw is not RawMap map)
        {
            errors.Add(raw.At, "sweep", $"expected a map with 'grid' and/or 'zip', got {raw.Describe()}");
            return null;
        }

        var before = errors.Count;
        foreach (var e in map.Entries.Where(e => !SweepKeys.Contains(e.Key)))
        {
            errors.Add(e.KeyAt, $"sweep.{e.Key}", $"unknown key '{e.Key}' in sweep{Suggest.Hint(e.Key, SweepKeys)}");
        }

        var grid = Axes(map.Get("grid"), "sweep.grid", errors);
        var zip = Axes(map.Get("zip"), "sweep.zip", errors);
        if (grid is null || zip is null)
        {
            return null;
        }

        if (grid.Count == 0 && zip.Count == 0)
        {
            errors.Add(map.At, "sweep", "the sweep sweeps nothing: give 'grid' and/or 'zip' with at least one key and its values (or leave 'sweep' out)");
            return null;
        }

        for (var i = 1; i < zip.Count; i++)
        {
            if (zip[i].Values.Count != zip[0].Values.Count)
            {
                errors.Add(zip[i].KeyAt, $"sweep.zip.{zip[i].Path}",
                    $"zip lists must have equal lengths: '{zip[0].Path}' has {zip[0].Values.Count} values, '{zip[i].Path}' has {zip[i].Values.Count}");
            }
        }

        var seen = new HashSet<string>();
        foreach (var a in grid.Concat(zip))
        {
            if (!seen.Add(a.Path))
            {
                errors.Add(a.KeyAt, $"sweep.{a.Path}", $"'{a.Path}' is swept twice");
            }
            else if (seen.Any(p => p != a.Path && PathSetter.Overlaps(p, a.Path)))
            {
                errors.Add(a.KeyAt, $"sweep.{a.Path}", $"'{a.Path}' overlaps another swept key; sweep either the map or its keys");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        // Counted in floating point first: the product of many long axes would wrap a long.
        double points = grid.Aggregate(1.0, (n, a) => n * a.Values.Count) * (zip.Count == 0 ? 1 : zip[0].Values.Count);
        var plan = new SweepPlan(grid, zip);
        if (points > SweepPlan.MaxPoints)
        {
            errors.Add(map.At, "sweep", $"sweep has {points:N0} points; the limit is {SweepPlan.MaxPoints:N0}");
            return null;
        }

        return plan;
    }

    private static List<SweepAxis>? Axes(RawNode? raw, string where, ErrorSink errors)
    {
        if (raw is null)
        {
            return [];
        }

        if (raw is not RawMap map)
        {
            errors.Add(raw.At, where, $"expected a map of key path -> values, got {raw.Describe()}");
            return null;
        }

        var axes = new List<SweepAxis>();
        var ok = true;
        foreach (var e in map.Entries)
        {
            var key = $"{where}.{e.Key}";
            var segments = PathSetter.Split(e.Key);
            if (segments is null)
            {
                errors.Add(e.KeyAt, key, $"'{e.Key}' is not a key path like protocol.fanout");
                ok = false;
                continue;
            }

            if (NotSweepable.Contains(segments[0]))
            {
                errors.Add(e.KeyAt, key, $"'{segments[0]}' cannot be swept");
                ok = false;
                continue;
            }

            List<RawNode>? values = e.Value switch
            {
                RawList { Items.Count: > 0 } list => list.Items,
                RawList => Fail(e.Value.At, key, "needs at least one value", errors),
                RawMap range => RangeExpander.Expand(range, key, errors),
                _ => Fail(e.Value.At, key, "expected a list of values or a range {from, to, step | log_steps}", errors),
            };
            if (values is null || !Distinct(values, key, errors))
            {
                ok = false;
                continue;
            }

            axes.Add(new SweepAxis(e.Key, segments, e.KeyAt, values));
        }

        return ok ? axes : null;
    }

    /// <summary>
    /// A value listed twice makes two sweep points of one configuration: their runs are the same
    /// bytes, and points matched by their values (compare, baselines) would meet one of them only.
    /// </summary>
    private static bool Distinct(List<RawNode> values, string key, ErrorSink errors)
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var value in values.OfType<RawScalar>().Where(v => !v.IsNull))
        {
            if (first.TryAdd(value.Text, value.At)) continue;
            var at = first[value.Text];
            errors.Add(value.At, key, $"value '{value.Text}' is listed twice (also at {at.Line}:{at.Column}); each value makes one sweep point");
            return false;
        }
        return true;
    }

    private static List<RawNode>? Fail(SourceLocation at, string key, string message, ErrorSink errors)
    {
        errors.Add(at, key, message);
        return null;
    }
}
