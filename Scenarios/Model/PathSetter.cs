namespace GossipSim.Scenarios.Model;

/// <summary>
/// Puts a value at a dotted path (for --set and sweep points), creating maps on the way.
/// The value replaces what was there: `--set network.latency={dist: constant, value: 2ms}`
/// must not inherit the old distribution's keys.
/// </summary>
internal static class PathSetter
{
    public static void Set(RawMap root, IReadOnlyList<string> segments, RawNode value, SourceLocation keyAt)
    {
        var map = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (map.Get(segments[i]) is RawMap next)
            {
                map = next;
                continue;
            }

            next = new RawMap(keyAt, []);
            map.Set(segments[i], keyAt, next);
            map = next;
        }

        map.Set(segments[^1], keyAt, value);
    }

    public static RawNode? Get(RawNode root, IReadOnlyList<string> segments)
    {
        var node = root;
        foreach (var s in segments)
        {
            if (node is not RawMap m || m.Get(s) is not { } child)
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    /// <summary>Splits "protocol.fanout"; null when a segment is empty or has odd characters.</summary>
    public static string[]? Split(string path)
    {
        var parts = path.Split('.');
        return parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) ? parts : null;
    }
}
