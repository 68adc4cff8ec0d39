using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// A map with user-chosen keys (e.g. message type names) and one value schema. With
/// <paramref name="absentIsEmpty"/> false an absent key stays absent (no value, nothing in the
/// canonical YAML, so adding such a key does not change existing scenarios' hashes).
/// </summary>
internal sealed class DictKey(TextKey keyRule, SchemaNode value, string keyDoc, bool absentIsEmpty = true) : SchemaNode
{
    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is null && !absentIsEmpty)
        {
            return null;
        }

        var canon = new RawMap(SourceLocation.None, []);
        if (raw is null || raw is RawScalar { IsNull: true })
        {
            v.Set(path, SpecValue.Map, raw?.At);
            return canon;
        }

        if (raw is not RawMap map)
        {
            v.Error(raw.At, path, $"expected a map of {keyDoc}, got {Got(raw)}");
            return null;
        }

        v.Set(path, SpecValue.Map, raw.At);
        foreach (var e in map.Entries)
        {
            var childPath = Validation.Join(path, e.Key);
            if (keyRule.Parse(new RawScalar(e.KeyAt, e.Key, false), childPath, v) is null)
            {
                continue;
            }

            if (value.Validate(e.Value, childPath, v) is { } c)
            {
                canon.Set(e.Key, SourceLocation.None, c);
            }
        }

        return canon;
    }

    public override SchemaNode? Child(string key, RawNode? context) => value;

    public override IEnumerable<KeyDoc> Describe(string path) =>
        new[] { new KeyDoc(path, $"map of {keyDoc}", absentIsEmpty ? "{}" : "(none)", Doc) }.Concat(value.Describe(path + ".<" + keyDoc + ">"));
}
