using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// What a cross-field rule sees: validated values relative to a map path. Rules only run on
/// values that passed their own checks, so a bad fanout is reported once, not twice.
/// </summary>
internal sealed class RuleScope(Validation v, string basePath, RawMap? canon)
{
    public string ScenarioName => v.ScenarioName;

    public SpecValue? Value(string rel) => v.Get(Validation.Join(basePath, rel));

    /// <summary>Child keys of a validated map (e.g. the node ids of ring.tokens), in ordinal order.</summary>
    public IReadOnlyList<string> Keys(string rel)
    {
        var prefix = Validation.Join(basePath, rel) + ".";
        var keys = new List<string>();
        foreach (var path in v.Values.Keys)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var key = path[prefix.Length..];
            if (!key.Contains('.') && !key.Contains('[')) keys.Add(key);
        }
        return keys;
    }

    /// <summary>
    /// The items of a list with their indexes: all of them when the list passed its checks, else
    /// those items that passed theirs (so one bad item does not hide another's cross-field error).
    /// </summary>
    public IReadOnlyList<(int Index, SpecValue Value)> Items(string rel)
    {
        if (Value(rel) is { Items: { } all }) return all.Select((value, i) => (i, value)).ToList();
        var prefix = Validation.Join(basePath, rel) + "[";
        var items = new List<(int, SpecValue)>();
        foreach (var (path, value) in v.Values)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.EndsWith(']')
                && int.TryParse(path.AsSpan(prefix.Length, path.Length - prefix.Length - 1), out int index))
                items.Add((index, value));
        }
        return items.OrderBy(x => x.Item1).ToList();
    }

    public long? Long(string rel) => Value(rel) is { Kind: ValueKind.Int or ValueKind.Duration } x ? x.Integer : null;

    /// <summary>
    /// Reports an error on key <paramref name="rel"/>, positioned at the first of
    /// rel/alsoAt that the user actually wrote (a default has no line to point at).
    /// </summary>
    public void Error(string rel, string message, params string[] alsoAt)
    {
        var key = Validation.Join(basePath, rel);
        var at = v.Fallback;
        foreach (var candidate in alsoAt.Prepend(rel).Select(r => Validation.Join(basePath, r)))
        {
            if (v.IsWritten(candidate))
            {
                at = v.LocationOf(candidate);
                break;
            }
        }

        v.Error(at, key, message);
    }

    /// <summary>Fills a value computed from others (e.g. updates.start defaults to every).</summary>
    public void Derive(string rel, SpecValue value)
    {
        v.Set(Validation.Join(basePath, rel), value, null);
        canon?.Set(rel, SourceLocation.None, ScalarKey.Canon(value));
    }
}
