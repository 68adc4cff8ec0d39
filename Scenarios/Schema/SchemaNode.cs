using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// One node of the declarative scenario schema. A node validates a raw YAML value (null when
/// the key is absent), records typed values in the flat table and returns the canonical,
/// fully defaulted form of the value (null when absent or invalid).
/// </summary>
internal abstract class SchemaNode
{
    /// <summary>One line for docs/scenario-keys.md.</summary>
    public string Doc { get; init; } = "";

    public abstract RawNode? Validate(RawNode? raw, string path, Validation v);

    /// <summary>
    /// Deep merge normally merges maps key by key; a node returns true when the overlay must
    /// replace the base instead (a choice between alternatives whose keys never carry over).
    /// </summary>
    public virtual bool ReplacesOnMerge(RawNode baseNode, RawNode overlay) => false;

    /// <summary>
    /// Keys of the base map that the merged map must not inherit because the overlay switches
    /// to a variant that does not take them (a `kind:` or `dist:` change).
    /// </summary>
    public virtual IEnumerable<string> KeysDroppedOnMerge(RawNode baseNode, RawNode overlay) => [];

    /// <summary>Schema of a child key, given the raw map it sits in (for variant-dependent keys).</summary>
    public virtual SchemaNode? Child(string key, RawNode? context) => null;

    /// <summary>Lists documented key paths with their type and default (for docs and their test).</summary>
    public virtual IEnumerable<KeyDoc> Describe(string path) => [];

    public static string Got(RawNode raw) => raw.Describe();
}

internal sealed record KeyDoc(string Path, string Type, string Default, string Doc);
