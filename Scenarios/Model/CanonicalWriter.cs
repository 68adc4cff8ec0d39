using System.Text;
using System.Text.RegularExpressions;

namespace GossipSim.Scenarios.Model;

/// <summary>
/// Stable YAML text of a canonical tree: keys sorted ordinally, values in their canonical
/// spelling. Two specs that mean the same thing print the same bytes (hashes, manifests).
/// </summary>
internal static partial class CanonicalWriter
{
    public static string Block(RawMap map)
    {
        var sb = new StringBuilder();
        WriteMap(sb, map, 0);
        return sb.ToString();
    }

    public static string Flow(RawNode node) => node switch
    {
        RawScalar s => Scalar(s.Text),
        RawList l => "[" + string.Join(", ", l.Items.Select(Flow)) + "]",
        RawMap m => "{" + string.Join(", ", Sorted(m).Select(e => $"{e.Key}: {Flow(e.Value)}")) + "}",
        _ => "",
    };

    private static void WriteMap(StringBuilder sb, RawMap map, int indent)
    {
        foreach (var e in Sorted(map))
        {
            sb.Append(' ', indent).Append(Scalar(e.Key)).Append(':');
            if (e.Value is RawMap { Entries.Count: > 0 } child)
            {
                sb.Append('\n');
                WriteMap(sb, child, indent + 2);
            }
            else
            {
                sb.Append(' ').Append(Flow(e.Value)).Append('\n');
            }
        }
    }

    private static IEnumerable<RawEntry> Sorted(RawMap m) => m.Entries.OrderBy(e => e.Key, StringComparer.Ordinal);

    private static string Scalar(string text) =>
        Plain().IsMatch(text) ? text : "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    // Text that YAML reads back as the same plain scalar in block and flow context.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$")]
    private static partial Regex Plain();
}
