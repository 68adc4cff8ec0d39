using System.Globalization;

namespace GossipSim.Scenarios.Model;

/// <summary>
/// Puts a value at a key path (for --set and sweep points), creating maps on the way. A path is
/// dotted keys, each optionally followed by list indices: `protocol.fanout`, `faults[0].for`.
/// Segments are the keys and the indices in order (`faults`, `[0]`, `for`). The value replaces
/// what was there: `--set network.latency={dist: constant, value: 2ms}` must not inherit the old
/// distribution's keys.
/// </summary>
internal static class PathSetter
{
    /// <summary>Sets the value; returns why it could not (an index past a list's end, or no
    /// list where the path indexes one), or null when it was set.</summary>
    public static string? Set(RawMap root, IReadOnlyList<string> segments, RawNode value, SourceLocation keyAt)
    {
        RawNode node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var child = Child(node, segments[i]);
            if (child is RawMap or RawList)
            {
                node = child;
                continue;
            }

            if (IsIndex(segments[i]) || node is not RawMap map)
            {
                return NotThere(segments, i + 1);
            }

            if (IsIndex(segments[i + 1]))
            {
                return NotThere(segments, i + 2);
            }

            var next = new RawMap(keyAt, []);
            map.Set(segments[i], keyAt, next);
            node = next;
        }

        switch (node)
        {
            case RawMap map when !IsIndex(segments[^1]):
                map.Set(segments[^1], keyAt, value);
                return null;
            case RawList list when Index(segments[^1]) is { } at && at < list.Items.Count:
                list.Items[at] = value;
                return null;
            default:
                return NotThere(segments, segments.Count);
        }
    }

    public static RawNode? Get(RawNode root, IReadOnlyList<string> segments)
    {
        RawNode? node = root;
        foreach (var s in segments)
        {
            node = node is null ? null : Child(node, s);
        }

        return node;
    }

    /// <summary>Splits "protocol.fanout" or "faults[0].for"; null when a key is empty or has odd
    /// characters, or an index is not a plain number.</summary>
    public static string[]? Split(string path)
    {
        var segments = new List<string>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            var key = bracket < 0 ? part : part[..bracket];
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return null;
            }

            segments.Add(key);
            var rest = bracket < 0 ? "" : part[bracket..];
            while (rest.Length > 0)
            {
                var close = rest.IndexOf(']');
                if (rest[0] != '[' || close < 2 || !rest[1..close].All(char.IsAsciiDigit) || close > 10)
                {
                    return null;
                }

                segments.Add(rest[..(close + 1)]);
                rest = rest[(close + 1)..];
            }
        }

        return [.. segments];
    }

    /// <summary>Whether path <paramref name="a"/> is <paramref name="b"/> or lies inside it, or the other way round.</summary>
    public static bool Overlaps(string a, string b) => a == b || Inside(a, b) || Inside(b, a);

    private static bool Inside(string inner, string outer) =>
        inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) && inner[outer.Length] is '.' or '[';

    private static bool IsIndex(string segment) => segment.StartsWith('[');

    private static int? Index(string segment) =>
        IsIndex(segment) && int.TryParse(segment[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static RawNode? Child(RawNode node, string segment) => node switch
    {
        RawMap m when !IsIndex(segment) => m.Get(segment),
        RawList l when Index(segment) is { } i && i < l.Items.Count => l.Items[i],
        _ => null,
    };

    private static string NotThere(IReadOnlyList<string> segments, int upTo)
    {
        var path = Join(segments.Take(upTo));
        var parent = Join(segments.Take(upTo - 1));
        return IsIndex(segments[upTo - 1])
            ? $"'{path}' does not exist: '{parent}' is not a list with that many items"
            : $"'{path}' cannot be set: '{parent}' is not a map";
    }

    private static string Join(IEnumerable<string> segments) =>
        string.Concat(segments.Select((s, i) => i == 0 || IsIndex(s) ? s : "." + s));
}
