using System.Security.Cryptography;
using System.Text;
using GossipSim.Scenarios.Model;
using GossipSim.Scenarios.Presets;
using GossipSim.Scenarios.Schema;
using GossipSim.Scenarios.Sweeps;

namespace GossipSim.Scenarios;

/// <summary>
/// Scenario file -> validated specs: read YAML, merge each scenario over `defaults`, apply
/// --set overrides, expand sweeps, validate every point against the schema. All errors are
/// collected and thrown together as one <see cref="ScenarioException"/>.
/// </summary>
public static class ScenarioLoader
{
    private static readonly string[] FileKeys = ["defaults", "scenarios"];

    /// <summary>Loads and validates a file; <paramref name="selection"/> (default: all) says which
    /// scenarios the <paramref name="setOverrides"/> apply to. Every scenario is validated.</summary>
    public static ScenarioSet Load(string path, IReadOnlyList<string>? setOverrides = null, ScenarioSelection? selection = null)
    {
        var bytes = InputFile.TryRead(path, InputFile.MaxScenarioBytes, out string? why);
        if (bytes is null) throw new ScenarioException([new SpecError(path, 0, 0, "", why!)]);

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ScenarioException([new SpecError(path, 0, 0, "", "file is not UTF-8 text")]);
        }

        return Guarded(path, () => Build(text, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), setOverrides, selection ?? ScenarioSelection.All));
    }

    public static ScenarioSet Parse(string yamlText, string fileName, IReadOnlyList<string>? setOverrides = null, ScenarioSelection? selection = null) =>
        Guarded(fileName, () => Build(yamlText ?? "", fileName,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlText ?? ""))), setOverrides, selection ?? ScenarioSelection.All));

    // The public API promises ScenarioException only; a bug in here must still surface as one.
    private static ScenarioSet Guarded(string file, Func<ScenarioSet> build)
    {
        try
        {
            return build();
        }
        catch (ScenarioException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new ScenarioException([new SpecError(file, 0, 0, "", $"internal error in the scenario loader: {e.GetType().Name}: {e.Message}")]);
        }
    }

    private static ScenarioSet Build(string text, string file, string sha, IReadOnlyList<string>? setOverrides, ScenarioSelection selection)
    {
        var errors = new ErrorSink();
        var overrides = SetOverride.ParseAll(setOverrides, errors);
        var beforeRead = errors.Count;
        var root = YamlReader.Read(text, file, errors);
        if (errors.Count > beforeRead)
        {
            // Nothing below can be checked without a YAML tree.
            errors.ThrowIfAny();
        }

        var (defaults, items) = ReadFile(root, file, errors);
        // A scenario's own preset is expanded with the scenario (Expand), where --set and the sweep
        // may choose another.
        ProtocolPresets.ExpandIn(defaults, errors);

        var names = new List<string>();
        var notes = new List<string>();
        var points = new List<ScenarioSpec>();
        var firstSeen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var planned = new PlannedRuns();
        foreach (var item in items)
        {
            var nameNode = item.Get("name") as RawScalar;
            var name = nameNode is { IsNull: false } ? nameNode.Text : $"#{names.Count + 1}";
            if (nameNode is { IsNull: false } && !firstSeen.TryAdd(name, nameNode.At))
            {
                var first = firstSeen[name];
                errors.Add(nameNode.At, "name", $"duplicate scenario name '{name}' (first used at line {first.Line})");
            }
            else
            {
                names.Add(name);
            }

            // A duplicate is still validated so its own errors are reported in the same pass.
            points.AddRange(Expand(item, name, defaults, overrides, selection, errors, notes, planned));
        }

        errors.ThrowIfAny();
        return new ScenarioSet(file, sha, points, names, notes);
    }

    private static (RawMap Defaults, List<RawMap> Items) ReadFile(RawNode? root, string file, ErrorSink errors)
    {
        var defaults = new RawMap(SourceLocation.None, []);
        var items = new List<RawMap>();
        if (root is null || root is RawScalar { IsNull: true })
        {
            errors.Add(new SourceLocation(file, 1, 1), "scenarios", "the file is empty (or not a regular file); it needs a 'scenarios:' list");
            return (defaults, items);
        }

        if (root is not RawMap top)
        {
            errors.Add(root.At, "", $"expected a map with 'defaults' and 'scenarios', got {root.Describe()}");
            return (defaults, items);
        }

        foreach (var e in top.Entries.Where(e => !FileKeys.Contains(e.Key)))
        {
            errors.Add(e.KeyAt, e.Key, $"unknown top-level key '{e.Key}'{Suggest.Hint(e.Key, FileKeys)}");
        }

        switch (top.Get("defaults"))
        {
            case null or RawScalar { IsNull: true }:
                break;
            case RawMap d:
                foreach (var e in d.Entries.Where(e => e.Key is "name" or "sweep"))
                {
                    errors.Add(e.KeyAt, $"defaults.{e.Key}", $"'{e.Key}' belongs to a scenario, not to defaults");
                }

                defaults = d;
                break;
            case var other:
                errors.Add(other.At, "defaults", $"expected a map, got {other.Describe()}");
                break;
        }

        var list = top.Find("scenarios");
        switch (list?.Value)
        {
            case null:
                errors.Add(top.At, "scenarios", "missing 'scenarios:' list");
                break;
            case RawList { Items.Count: 0 } or RawScalar { IsNull: true }:
                errors.Add(list.KeyAt, "scenarios", "the scenarios list is empty");
                break;
            case RawList l:
                for (var i = 0; i < l.Items.Count; i++)
                {
                    if (l.Items[i] is RawMap m)
                    {
                        items.Add(m);
                    }
                    else
                    {
                        errors.Add(l.Items[i].At, $"scenarios[{i}]", $"expected a scenario map (name: ...), got {l.Items[i].Describe()}");
                    }
                }

                break;
            case var other:
                errors.Add(other.At, "scenarios", $"expected a list of scenarios, got {other.Describe()}");
                break;
        }

        return (defaults, items);
    }

    /// <summary>Runs the scenarios read so far make (points x seeds), counted before each sweep is expanded.</summary>
    private sealed class PlannedRuns
    {
        public double Count;
    }

    private static IEnumerable<ScenarioSpec> Expand(RawMap item, string name, RawMap defaults, List<SetOverride> overrides, ScenarioSelection selection, ErrorSink errors, List<string> notes,
        PlannedRuns planned)
    {
        var scenario = (RawMap)item.Clone();
        var sweepRaw = scenario.Get("sweep");
        scenario.Remove("sweep");
        // Tags as the merge leaves them: a scenario's own list replaces the defaults'.
        if (!selection.Includes(name, TagsOf(scenario.Find("tags") is null ? defaults : scenario)))
        {
            overrides = [];
        }

        // A broken sweep still lets the rest of the scenario be checked in the same pass.
        var plan = SweepParser.Parse(sweepRaw, errors);
        var checkOnly = plan is null;
        plan ??= SweepPlan.None;

        foreach (var o in overrides)
        {
            if (plan.Axes.FirstOrDefault(a => PathSetter.Overlaps(a.Path, o.Path)) is { } axis)
            {
                errors.Add(o.At, o.Path, $"conflicts with the sweep over '{axis.Path}' in scenario '{name}'");
                yield break;
            }
        }

        // A preset chosen by --set or by the sweep goes where one written in the scenario would be,
        // so it expands the same way: under the protocol keys the scenario writes, over the defaults.
        var presetAxis = plan.Axes.FirstOrDefault(a => a.Path == ProtocolPresets.KeyPath);
        var presetSet = overrides.LastOrDefault(o => o.Path == ProtocolPresets.KeyPath);
        var settings = overrides.Where(o => o.Path != ProtocolPresets.KeyPath).ToList();
        var configured = new Dictionary<int, RawMap?>();

        // The scenario over the defaults with --set applied, for the sweep's preset number i (or the
        // preset of --set, or the file's own); built once for each preset the points use.
        RawMap? Configured(int i)
        {
            if (configured.TryGetValue(i, out var done)) return done;
            var own = (RawMap)scenario.Clone();
            var (preset, at, key) = presetAxis is not null ? (presetAxis.Values[i], presetAxis.Values[i].At, $"sweep.{presetAxis.Path}")
                : presetSet is not null ? (presetSet.Value, presetSet.At, presetSet.Path)
                : (null, SourceLocation.None, "");
            if (preset is not null && PathSetter.Set(own, PresetSegments, preset.Clone(), at) is { } cannot)
            {
                errors.Add(at, key, $"{cannot} in scenario '{name}'");
                return configured[i] = null;
            }

            ProtocolPresets.ExpandIn(own, errors);
            var dropped = new List<string>();
            var merged = (RawMap)DeepMerge.Merge(defaults, own, ScenarioSchema.Root, "", dropped.Add);
            if (dropped.Count > 0)
            {
                var note = $"{item.At.File}:{item.At.Line}:{item.At.Column}: scenario '{name}' switches to a variant without {string.Join(", ", dropped.Select(d => $"'{d}'"))}; " +
                    $"{(dropped.Count == 1 ? "that default is" : "those defaults are")} not inherited";
                if (!notes.Contains(note)) notes.Add(note);
            }

            foreach (var o in settings)
            {
                if (PathSetter.Set(merged, o.Segments, Placed(o.Path, o.Value.Clone(), errors), o.At) is { } why)
                {
                    errors.Add(o.At, o.Path, $"{why} in scenario '{name}'");
                    return configured[i] = null;
                }
            }

            return configured[i] = merged;
        }

        // Point 0 takes the first value of every axis.
        if (Configured(0) is not { } merged)
        {
            yield break;
        }

        // Runs as written (seeds are validated per point below): points x seeds; swept seeds value
        // by value, each value being taken by the same number of points; seeds left to the default
        // as one a point.
        var seedsNode = merged.Get("seeds") as RawScalar;
        var seedAxis = plan.Axes.FirstOrDefault(a => a.Path == "seeds");
        double runs = seedAxis is null
            ? plan.Count * (double)Math.Max(1, SeedCount(seedsNode) ?? 1)
            : plan.Count / seedAxis.Values.Count * seedAxis.Values.Sum(v => (double)Math.Max(1, SeedCount(v) ?? 1));
        if (runs > ScenarioLimits.MaxRuns)
        {
            // A sweep has at most 100,000 points, so seeds were written or swept.
            if (seedAxis is not null)
                errors.Add(seedAxis.KeyAt, $"sweep.{seedAxis.Path}", $"the swept seeds make {runs:N0} runs in scenario '{name}' ({plan.Count:N0} sweep points); the limit is {ScenarioLimits.MaxRuns:N0}");
            else
                errors.Add(seedsNode!.At, "seeds", $"{plan.Count:N0} sweep point(s) x {SeedCount(seedsNode):N0} seeds make {runs:N0} runs in scenario '{name}'; the limit is {ScenarioLimits.MaxRuns:N0}");
            yield break;
        }

        // The whole file's plan is held to the same limit before this sweep is expanded: expanding
        // every scenario first would take minutes and gigabytes before saying so. Said once, by the
        // scenario that passes it; the ones after it are not expanded.
        if (planned.Count > ScenarioLimits.MaxRuns) yield break;
        planned.Count += runs;
        if (planned.Count > ScenarioLimits.MaxRuns)
        {
            errors.Add(item.At, "sweep", $"with scenario '{name}' the file's scenarios make at least {planned.Count:N0} runs; the limit for one plan is {ScenarioLimits.MaxRuns:N0}");
            yield break;
        }

        var index = 0;
        foreach (var point in plan.Points())
        {
            if ((presetAxis is null ? merged : Configured(point.First(p => p.Axis == presetAxis).ValueIndex)) is not { } configuredPoint)
            {
                yield break;
            }

            var raw = (RawMap)configuredPoint.Clone();
            foreach (var (axis, i) in point.Where(p => p.Axis != presetAxis))
            {
                if (PathSetter.Set(raw, axis.Segments, Placed(axis.Path, axis.Values[i].Clone(), errors), axis.KeyAt) is { } why)
                {
                    // The same path fails at every point: say so once.
                    errors.Add(axis.KeyAt, $"sweep.{axis.Path}", why);
                    yield break;
                }
            }

            var v = new Validation(errors, item.At, name);
            var canon = ScenarioSchema.Root.Validate(raw, "", v) as RawMap;
            if (v.ErrorCount > 0 || canon is null || checkOnly)
            {
                index++;
                continue;
            }

            var parameters = point
                .Select(p => new KeyValuePair<string, string>(p.Axis.Path, ParameterLabel(p.Axis, p.ValueIndex, PathSetter.Get(canon, p.Axis.Segments))))
                .ToArray();
            yield return new ScenarioSpec(index++, parameters, v.Values, CanonicalWriter.Block(canon), v.LocationOf);
        }
    }

    // A swept value is its canonical flow text (200ms, {counter: 2}); an axis with a long map or
    // list among its values (whole fault plans) would put YAML blobs in the parameter column, so
    // its points are named by their place among the axis' values instead.
    private static string ParameterLabel(SweepAxis axis, int index, RawNode? canonical) =>
        axis.Values.Any(v => CanonicalWriter.Flow(v).Length > MaxParameterText)
            ? $"#{index + 1} of {axis.Values.Count}"
            : CanonicalWriter.Flow(canonical ?? axis.Values[index]);

    private const int MaxParameterText = 40;

    private static readonly string[] PresetSegments = PathSetter.Split(ProtocolPresets.KeyPath)!;

    // A whole protocol map from --set or a sweep replaces the scenario's, so a preset in it expands
    // under the keys written beside it, as in a file.
    private static RawNode Placed(string path, RawNode value, ErrorSink errors) =>
        path == "protocol" && value is RawMap protocol ? ProtocolPresets.Expanded(protocol, errors) : value;

    // A seeds value as written; null when it is not a whole number (validation says so).
    private static long? SeedCount(RawNode? seeds) =>
        seeds is RawScalar { IsNull: false } s && long.TryParse(s.Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : null;

    // Tags as written; a malformed tags value selects nothing here and is reported by validation.
    private static IEnumerable<string> TagsOf(RawMap scenario) =>
        scenario.Get("tags") is RawList list ? list.Items.OfType<RawScalar>().Select(s => s.Text) : [];
}
