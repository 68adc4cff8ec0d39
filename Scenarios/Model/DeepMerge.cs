using GossipSim.Scenarios.Schema;

namespace GossipSim.Scenarios.Model;

/// <summary>
/// Merges a scenario over the defaults: maps merge key by key, scalars and lists replace.
/// The schema may say a map replaces instead (switching `dist:` or `kind:`, a stop rule),
/// because inheriting the old variant's keys would only produce unknown-key errors.
/// </summary>
internal static class DeepMerge
{
    public static RawNode Merge(RawNode baseNode, RawNode overlay, SchemaNode? schema)
    {
        if (baseNode is not RawMap b || overlay is not RawMap o || (schema?.ReplacesOnMerge(baseNode, overlay) ?? false))
        {
            return overlay.Clone();
        }

        var merged = (RawMap)b.Clone();
        foreach (var e in o.Entries)
        {
            var existing = merged.Find(e.Key);
            var value = existing is null
                ? e.Value.Clone()
                : Merge(existing.Value, e.Value, schema?.Child(e.Key, overlay) ?? schema?.Child(e.Key, baseNode));
            merged.Set(e.Key, e.KeyAt, value);
        }

        return merged;
    }
}
