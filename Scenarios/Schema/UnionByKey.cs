using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// A map whose valid keys depend on one discriminator key (`dist:` for latency, `kind:` for
/// protocol). Each variant is its own <see cref="MapKey"/>, so a new protocol kind is added by
/// registering one more variant, without touching the others.
/// </summary>
internal sealed class UnionByKey(string discriminator, IReadOnlyList<(string Name, MapKey Schema)> variants) : SchemaNode
{
    public string Discriminator { get; } = discriminator;

    public IReadOnlyList<(string Name, MapKey Schema)> Variants { get; } = variants;

    /// <summary>Variant used when the map omits the discriminator; null makes it required.</summary>
    public string? DefaultVariant { get; init; }

    /// <summary>YAML flow text validated when the whole key is absent; null keeps it absent.</summary>
    public string? DefaultYaml { get; init; }

    private IEnumerable<string> Names => Variants.Select(x => x.Name);

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is null)
        {
            return DefaultYaml is null ? null : Validate(ParseDefault(), path, v);
        }

        if (raw is not RawMap map)
        {
            v.Error(raw.At, path, $"expected a map with '{Discriminator}: {string.Join(" | ", Names)}', got {Got(raw)}");
            return null;
        }

        var discPath = Validation.Join(path, Discriminator);
        var discEntry = map.Find(Discriminator);
        string name;
        if (discEntry is null)
        {
            if (DefaultVariant is null)
            {
                v.Error(map.At, discPath, $"missing required key '{Discriminator}' (one of {string.Join(", ", Names)})");
                return null;
            }

            name = DefaultVariant;
        }
        else if (discEntry.Value is RawScalar { IsNull: false } s && Names.Contains(s.Text, StringComparer.Ordinal))
        {
            name = s.Text;
        }
        else
        {
            var text = discEntry.Value is RawScalar ds ? ds.Text : "";
            v.Error(discEntry.Value.At, discPath,
                $"unknown {Discriminator} '{text}'; expected one of {string.Join(", ", Names)}{Suggest.Hint(text, Names)}");
            return null;
        }

        v.Set(discPath, SpecValue.OfText(name), discEntry?.Value.At);
        var variant = Variants.First(x => x.Name == name).Schema;
        // Name the variant in messages only when the user chose it; otherwise it is noise.
        var note = discEntry is null ? "" : $" for {Discriminator} '{name}'";
        var canon = variant.ValidateMap(map, path, v, Discriminator, note);
        canon.Entries.Insert(0, new RawEntry(Discriminator, SourceLocation.None, new RawScalar(SourceLocation.None, name, false)));
        return canon;
    }

    public override bool ReplacesOnMerge(RawNode baseNode, RawNode overlay) => overlay is not RawMap;

    public override IEnumerable<string> KeysDroppedOnMerge(RawNode baseNode, RawNode overlay)
    {
        if (baseNode is not RawMap b || DiscOf(overlay) is not { } next || next == (DiscOf(baseNode) ?? DefaultVariant))
        {
            return [];
        }

        // An unknown kind keeps nothing from the base; validation reports the kind itself.
        var schema = Variants.FirstOrDefault(x => x.Name == next).Schema;
        return schema is null ? b.Entries.Select(e => e.Key).Where(k => k != Discriminator).ToList() : b.Entries.Select(e => e.Key).Where(k => k != Discriminator && schema.Child(k, overlay) is null).ToList();
    }

    public override SchemaNode? Child(string key, RawNode? context)
    {
        var name = DiscOf(context) ?? DefaultVariant;
        return Variants.FirstOrDefault(x => x.Name == name).Schema?.Child(key, context);
    }

    public override IEnumerable<KeyDoc> Describe(string path)
    {
        var docs = new List<KeyDoc>
        {
            new(Validation.Join(path, Discriminator), "one of " + string.Join(" | ", Names),
                DefaultVariant ?? DefaultYaml ?? "(required)", Doc),
        };
        foreach (var group in Variants.GroupBy(x => x.Schema))
        {
            var which = string.Join("/", group.Select(x => x.Name));
            docs.AddRange(group.Key.Describe(path).Select(d => d with { Doc = $"({Discriminator}: {which}) {d.Doc}" }));
        }

        return docs;
    }

    private string? DiscOf(RawNode? node) =>
        node is RawMap m && m.Get(Discriminator) is RawScalar { IsNull: false } s ? s.Text : null;

    private RawNode? ParseDefault() =>
        YamlReader.Read(DefaultYaml!, "<default>", new ErrorSink(), _ => SourceLocation.None);
}
