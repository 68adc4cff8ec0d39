using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// A map whose shape is chosen by which key it contains (`updates: {every: ..}` vs
/// `{at: [..]}`). The chosen key is exposed as `PATH.kind`; it is not written back to the
/// canonical YAML so that the canonical text loads again unchanged.
/// </summary>
/// <param name="variants">Each shape's key, and the map it makes.</param>
/// <param name="noneWord">
/// A word that, written in place of the map, leaves the key absent (`updates: none`). A scalar
/// replaces a map in the merge over `defaults`, so this is how a scenario drops a map the
/// defaults give it. Null: no such word.
/// </param>
internal sealed class UnionByPresence(IReadOnlyList<(string Key, MapKey Schema)> variants, string? noneWord = null) : SchemaNode
{
    private IEnumerable<string> Keys => variants.Select(x => x.Key);

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is null || (noneWord is not null && raw is RawScalar { Quoted: false } word && word.Text == noneWord))
        {
            return null;
        }

        var choices = string.Join(" or ", Keys.Select(k => $"'{k}'"));
        if (raw is not RawMap map)
        {
            var none = noneWord is null ? "" : $" (or '{noneWord}')";
            v.Error(raw.At, path, $"expected a map with {choices}{none}, got {Got(raw)}");
            return null;
        }

        var present = map.Entries.Where(e => Keys.Contains(e.Key, StringComparer.Ordinal)).ToList();
        if (present.Count == 0)
        {
            v.Error(map.At, path, $"needs {choices}");
            return null;
        }

        if (present.Count > 1)
        {
            v.Error(present[1].KeyAt, Validation.Join(path, present[1].Key),
                $"'{present[0].Key}' and '{present[1].Key}' cannot be combined; use one of {choices}");
            return null;
        }

        var key = present[0].Key;
        v.Set(Validation.Join(path, "kind"), SpecValue.OfText(key), present[0].KeyAt);
        return variants.First(x => x.Key == key).Schema.ValidateMap(map, path, v, null, $" (with '{key}')");
    }

    public override bool ReplacesOnMerge(RawNode baseNode, RawNode overlay) =>
        overlay is not RawMap o || (VariantOf(o) is { } k && k != VariantOf(baseNode));

    public override SchemaNode? Child(string key, RawNode? context)
    {
        var chosen = VariantOf(context);
        return variants.Where(x => chosen is null || x.Key == chosen)
            .Select(x => x.Schema.Child(key, context)).FirstOrDefault(c => c is not null);
    }

    public override IEnumerable<KeyDoc> Describe(string path) =>
        new[] { new KeyDoc(Validation.Join(path, "kind"), "read-only: " + string.Join(" | ", Keys), "(absent)", "which form was used") }
            .Concat(variants.SelectMany(x => x.Schema.Describe(path).Select(d => d with { Doc = $"(with {x.Key}) {d.Doc}" })));

    private string? VariantOf(RawNode? node) =>
        node is RawMap m ? m.Entries.Select(e => e.Key).FirstOrDefault(k => Keys.Contains(k, StringComparer.Ordinal)) : null;
}
