using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>
/// Placeholder for `protocol.preset` (memberlist-lan, cassandra, ...). Presets will expand
/// into protocol keys before validation; until then the key is reserved so users get a clear
/// "not implemented" error instead of an unknown-key suggestion.
/// </summary>
internal sealed class PresetHook : SchemaNode
{
    public static readonly PresetHook Key = new() { Doc = "reserved: named protocol presets are not implemented yet" };

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is not null)
        {
            v.Error(raw.At, path, "presets are not implemented yet; write the protocol keys instead");
        }

        return null;
    }

    public override IEnumerable<KeyDoc> Describe(string path) => [new KeyDoc(path, "reserved", "(none)", Doc)];
}
