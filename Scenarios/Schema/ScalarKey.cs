using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A key whose value is one YAML scalar (int, duration, enum, ...).</summary>
internal abstract class ScalarKey : SchemaNode
{
    /// <summary>Value used when the key is absent; null means "absent stays absent".</summary>
    public SpecValue? Default { get; init; }

    public abstract string TypeName { get; }

    /// <summary>Parses and range-checks the text; adds an error and returns null when invalid.</summary>
    public abstract SpecValue? Parse(RawScalar s, string path, Validation v);

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is null)
        {
            if (Default is null)
            {
                return null;
            }

            v.Set(path, Default, null);
            return Canon(Default);
        }

        if (raw is not RawScalar s || s.IsNull)
        {
            v.Error(raw.At, path, $"expected {TypeName}, got {Got(raw)}");
            return null;
        }

        var value = Parse(s, path, v);
        if (value is null)
        {
            return null;
        }

        v.Set(path, value, raw.At);
        return Canon(value);
    }

    public override IEnumerable<KeyDoc> Describe(string path) =>
        [new KeyDoc(path, TypeName, Default?.Canonical() ?? "(none)", Doc)];

    public static RawScalar Canon(SpecValue value) => new(default, value.Canonical(), false);
}
