using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// Either a bare word (`none`) or a one-key map (`{counter: 3}`). The chosen name is the
/// value at PATH and the map's value is also exposed as PATH.<c>valueAlias</c> (e.g.
/// protocol.stop.k) so callers need not know which variant was written. <paramref name="options"/>
/// are further keys the map form may carry beside its variant (<c>{counter: 3, reset: true}</c>),
/// each at PATH.name, absent unless written.
/// </summary>
internal sealed class TaggedChoiceKey(string[] words, IReadOnlyList<(string Name, SchemaNode Value)> variants,
    string valueAlias, string @default, IReadOnlyList<(string Name, SchemaNode Value)>? options = null) : SchemaNode
{
    private readonly IReadOnlyList<(string Name, SchemaNode Value)> _options = options ?? [];

    private string Forms => string.Join(", ", words.Concat(variants.Select(x => $"{{{x.Name}: {valueAlias}}}")));

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        raw ??= new RawScalar(SourceLocation.None, @default, false);
        var names = words.Concat(variants.Select(x => x.Name)).ToList();
        if (raw is RawScalar { IsNull: false } s)
        {
            if (words.Contains(s.Text, StringComparer.Ordinal))
            {
                v.Set(path, SpecValue.OfText(s.Text), s.At);
                return new RawScalar(SourceLocation.None, s.Text, false);
            }

            var how = variants.Any(x => x.Name == s.Text)
                ? $"'{s.Text}' needs a value: write {{{s.Text}: {valueAlias}}}"
                : $"expected one of {Forms}, got '{s.Text}'{Suggest.Hint(s.Text, names)}";
            v.Error(s.At, path, how);
            return null;
        }

        if (raw is not RawMap { Entries.Count: >= 1 } map || map.Entries.Count(x => !IsOption(x.Key)) != 1)
        {
            v.Error(raw.At, path, $"expected one of {Forms}, got {Got(raw)}");
            return null;
        }

        var e = map.Entries.First(x => !IsOption(x.Key));
        var variant = variants.FirstOrDefault(x => x.Name == e.Key);
        if (variant.Value is null)
        {
            v.Error(e.KeyAt, Validation.Join(path, e.Key),
                $"unknown key '{e.Key}' in {path}; expected one of {Forms}{Suggest.Hint(e.Key, names.Concat(_options.Select(o => o.Name)))}");
            return null;
        }

        var valuePath = Validation.Join(path, e.Key);
        if (variant.Value.Validate(e.Value, valuePath, v) is not { } c)
        {
            return null;
        }

        v.Set(path, SpecValue.OfText(e.Key), e.KeyAt);
        v.Set(Validation.Join(path, valueAlias), v.Get(valuePath)!, e.Value.At);
        var canon = new RawMap(SourceLocation.None, []);
        canon.Set(e.Key, SourceLocation.None, c);
        foreach (var entry in map.Entries)
        {
            if (!IsOption(entry.Key)) continue;
            var option = _options.First(o => o.Name == entry.Key);
            if (option.Value.Validate(entry.Value, Validation.Join(path, entry.Key), v) is not { } optionCanon) return null;
            canon.Set(entry.Key, SourceLocation.None, optionCanon);
        }
        return canon;
    }

    private bool IsOption(string key) => _options.Any(o => o.Name == key);

    // A stop rule is one choice: {coin: 2} over {counter: 3} must not merge into both.
    public override bool ReplacesOnMerge(RawNode baseNode, RawNode overlay) => true;

    public override IEnumerable<KeyDoc> Describe(string path) =>
    [
        new KeyDoc(path, Forms, @default, Doc),
        new KeyDoc(Validation.Join(path, valueAlias), "read-only alias", "(absent)", $"the value of the chosen map form"),
        .. _options.SelectMany(o => o.Value.Describe(Validation.Join(path, o.Name))),
    ];
}
