using GossipSim.Scenarios.Schema;

namespace GossipSim.Scenarios.Model;

/// <summary>
/// Merges a scenario over the defaults: maps merge key by key, scalars and lists replace.
/// When a map switches variant (`kind:` of the protocol, `dist:` of a latency), the keys the new
/// variant also takes are kept (push, pull and pushpull share every key) and only those it does
/// not know are dropped, each reported to <c>dropped</c> with its path so validate can say so.
/// The schema may still say a map replaces outright (a stop rule, a target list).
/// </summary>
internal static class DeepMerge
{
    public static RawNode Merge(RawNode baseNode, RawNode overlay, SchemaNode? schema, string path = "", Action<string>? dropped = null)
    {
        if (baseNode is not RawMap b || overlay is not RawMap o || (schema?.ReplacesOnMerge(baseNode, overlay) ?? false))
        {
            return overlay.Clone();
        }

        var merged = (RawMap)b.Clone();
        foreach (var key in schema?.KeysDroppedOnMerge(baseNode, overlay) ?? [])
        {
            merged.Remove(key);
            dropped?.Invoke(Join(path, key));
        }

        foreach (var e in o.Entries)
        {
            var existing = merged.Find(e.Key);
            var value = existing is null
                ? e.Value.Clone()
                : Merge(existing.Value, e.Value, schema?.Child(e.Key, overlay) ?? schema?.Child(e.Key, baseNode), Join(path, e.Key), dropped);
            merged.Set(e.Key, e.KeyAt, value);
        }

        return merged;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
