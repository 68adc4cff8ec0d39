using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A map with a fixed set of keys; unknown keys are errors with a "did you mean".</summary>
internal sealed class MapKey(params Field[] fields) : SchemaNode
{
    public IReadOnlyList<Field> Fields { get; } = fields;

    /// <summary>Rules across keys of this map (min &lt;= max, ...), run after the keys validate.</summary>
    public IReadOnlyList<Action<RuleScope>> Rules { get; init; } = [];

    /// <summary>When the key is absent, validate as an empty map so defaults apply.</summary>
    public bool AbsentIsEmpty { get; init; } = true;

    /// <summary>Keys of other variants that mean one of ours (swim's gossip_nodes is the gossip
    /// kinds' fanout): an unknown key found here names our key instead of a spelling guess.</summary>
    public IReadOnlyDictionary<string, string[]> Synonyms { get; init; } = new Dictionary<string, string[]>();

    /// <summary>This map with <see cref="Synonyms"/> limited to the keys it has.</summary>
    public MapKey WithSynonyms(IReadOnlyDictionary<string, string[]> sameIdea) => new(Fields.ToArray())
    {
        Doc = Doc,
        Rules = Rules,
        AbsentIsEmpty = AbsentIsEmpty,
        Synonyms = sameIdea
            .Select(kv => (kv.Key, Ours: kv.Value.Where(k => Fields.Any(f => f.Name == k)).ToArray()))
            .Where(x => x.Ours.Length > 0 && Fields.All(f => f.Name != x.Key))
            .ToDictionary(x => x.Key, x => x.Ours),
    };

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        switch (raw)
        {
            case null when !AbsentIsEmpty:
                return null;
            case null:
                return ValidateMap(new RawMap(SourceLocation.None, []), path, v, null, "");
            case RawScalar { IsNull: true } s:
                return ValidateMap(new RawMap(s.At, []), path, v, null, "");
            case RawMap map:
                return ValidateMap(map, path, v, null, "");
            default:
                v.Error(raw.At, path, $"expected a map, got {Got(raw)}");
                return null;
        }
    }

    /// <summary>
    /// Validates the entries of <paramref name="raw"/>. <paramref name="ignoreKey"/> is a key
    /// owned by an enclosing union (e.g. `dist`); <paramref name="note"/> tells which variant
    /// the key set belongs to, for messages.
    /// </summary>
    public RawMap ValidateMap(RawMap raw, string path, Validation v, string? ignoreKey, string note)
    {
        if (path.Length > 0)
        {
            v.Set(path, SpecValue.Map, raw.At);
        }

        var names = Fields.Select(f => f.Name).ToList();
        if (ignoreKey is not null)
        {
            names.Add(ignoreKey);
        }

        foreach (var e in raw.Entries)
        {
            if (!names.Contains(e.Key, StringComparer.Ordinal))
            {
                var where = path.Length == 0 ? "scenario" : path;
                var hint = Synonyms.TryGetValue(e.Key, out var ours)
                    ? $"; here it is {string.Join(" or ", ours.Select(k => $"'{k}'"))}"
                    : Suggest.Hint(e.Key, names);
                v.Error(e.KeyAt, Validation.Join(path, e.Key), $"unknown key '{e.Key}' in {where}{note}{hint}");
            }
        }

        var canon = new RawMap(SourceLocation.None, []);
        foreach (var f in Fields)
        {
            var childPath = Validation.Join(path, f.Name);
            var entry = raw.Find(f.Name);
            if (entry is null && f.Required)
            {
                v.Error(raw.At.IsNone ? v.Fallback : raw.At, childPath, $"missing required key '{f.Name}'{note}");
                continue;
            }

            if (f.Node.Validate(entry?.Value, childPath, v) is { } c)
            {
                canon.Set(f.Name, SourceLocation.None, c);
            }
        }

        var scope = new RuleScope(v, path, canon);
        foreach (var rule in Rules)
        {
            rule(scope);
        }

        return canon;
    }

    public override SchemaNode? Child(string key, RawNode? context) =>
        Fields.FirstOrDefault(f => f.Name == key)?.Node;

    public override IEnumerable<KeyDoc> Describe(string path) =>
        Fields.SelectMany(f => f.Node.Describe(Validation.Join(path, f.Name)).Select(d =>
            f.Required && d.Path == Validation.Join(path, f.Name) ? d with { Default = "(required)" } : d));
}
