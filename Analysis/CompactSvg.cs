using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GossipSim.Analysis;

/// <summary>
/// ScottPlot's SVG of a figure, as small as a browser still draws it the same. The writer gives
/// every coordinate five or more decimals, every tick, grid line and bar its own element with all
/// its attributes, every plottable its own clip path, every glyph its own position and every
/// sample of a line its own vertex even where the line runs straight; this keeps the picture and
/// drops the rest: coordinates cut to a tenth of a pixel, vertices that lie on the straight line
/// between their neighbours (or repeat the one before) left out, a label placed by its first
/// glyph, default and repeated attributes said once, like paths and like clip paths joined, and
/// clip-path ids numbered from 1 in order of appearance (the writer counts them across the whole
/// process, so they would depend on which figure was drawn first).
/// </summary>
public static partial class CompactSvg
{
    public static string Of(string svg)
    {
        svg = Prolog().Replace(svg, "");
        svg = Renumber(svg);
        svg = Coordinates().Replace(svg, m => LongDecimal().Replace(m.Value, "$1"));
        svg = GlyphPositions().Replace(svg, "x=\"$1\" y=\"$2\"");
        // 4 is SVG's default miter limit.
        svg = svg.Replace(" stroke-miterlimit=\"4\"", "", StringComparison.Ordinal);
        svg = HoistFont(svg);
        svg = PlacedText().Replace(svg, m => $"<text{m.Groups[3].Value} x=\"{Sum(m.Groups[1].Value, m.Groups[4].Value)}\" y=\"{Sum(m.Groups[2].Value, m.Groups[5].Value)}\">");
        svg = PathData().Replace(svg, m => " d=\"" + StraightenPath(m.Groups[1].Value) + "\"");
        svg = EmptyPath().Replace(svg, "");
        svg = ShareClips(svg);
        svg = JoinGroups(svg);
        svg = MergePaths(svg);
        return LineBreaks().Replace(svg, "");
    }

    private static string Renumber(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out string? id)) ids[m.Value] = id = "c" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
            return id;
        });
    }

    /// <summary>Every label is set in the same font, so it is named once on the root and inherited.</summary>
    private static string HoistFont(string svg)
    {
        var fonts = FontFamily().Matches(svg).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (fonts.Count != 1) return svg;
        svg = FontFamily().Replace(svg, "");
        return SvgOpen().Replace(svg, $"<svg font-family=\"{fonts[0]}\"", 1);
    }

    /// <summary>a + b, both with at most a decimal, written as short as it goes.</summary>
    private static string Sum(string a, string b) =>
        ((Tenths(a) + Tenths(b)) / 10.0).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// Path data made of straight segments only (M, L, Z), without the vertices a browser would
    /// draw through anyway: a repeat of the vertex before, or one on the straight segment between
    /// its neighbours, heading the same way (a spike that turns back is kept). Curves are left as
    /// they are.
    /// </summary>
    private static string StraightenPath(string d)
    {
        if (!StraightPath().IsMatch(d)) return d;
        var text = new StringBuilder(d.Length);
        var kept = new List<(string X, string Y, long Xt, long Yt)>();
        void Flush()
        {
            // A move alone draws nothing (the writer uses butt caps): zero-length tick marks are such moves.
            if (kept.Count > 1)
                for (int i = 0; i < kept.Count; i++) text.Append(i == 0 ? 'M' : 'L').Append(kept[i].X).Append(' ').Append(kept[i].Y);
            kept.Clear();
        }
        bool open = false;
        foreach (Match m in PathCommand().Matches(d))
        {
            string command = m.Groups[1].Value;
            if (command == "Z")
            {
                Flush();
                text.Append('Z');
                open = false;
                continue;
            }
            // A line that goes on from where the subpath closed, or starts without a move, is drawn as written.
            if (command == "L" && !open) return d;
            if (command == "M") Flush();
            open = true;
            var p = (m.Groups[2].Value, m.Groups[3].Value, Tenths(m.Groups[2].Value), Tenths(m.Groups[3].Value));
            if (kept.Count > 0 && kept[^1].Xt == p.Item3 && kept[^1].Yt == p.Item4) continue;
            while (kept.Count >= 2 && OnTheWay(kept[^2], kept[^1], p)) kept.RemoveAt(kept.Count - 1);
            kept.Add(p);
        }
        Flush();
        return text.ToString();
    }

    /// <summary>Whether b lies on the segment from a to c: collinear, and a to b heads the way b to c does.</summary>
    private static bool OnTheWay((string, string, long X, long Y) a, (string, string, long X, long Y) b, (string, string, long X, long Y) c)
    {
        long abx = b.X - a.X, aby = b.Y - a.Y, bcx = c.X - b.X, bcy = c.Y - b.Y;
        return abx * bcy - aby * bcx == 0 && abx * bcx + aby * bcy > 0;
    }

    private static long Tenths(string number) => (long)Math.Round(double.Parse(number, CultureInfo.InvariantCulture) * 10);

    /// <summary>
    /// One definition for each distinct clip path (every plottable gets its own, nearly all the
    /// plot's data area), and one group for a run of groups that clip to the same one.
    /// </summary>
    private static string ShareClips(string svg)
    {
        var firstId = new Dictionary<string, string>(StringComparer.Ordinal);
        var sameAs = new Dictionary<string, string>(StringComparer.Ordinal);
        svg = ClipDefinition().Replace(svg, m =>
        {
            string id = m.Groups[1].Value, shape = m.Groups[2].Value;
            if (firstId.TryGetValue(shape, out string? first))
            {
                sameAs[id] = first;
                return "";
            }
            firstId[shape] = id;
            return m.Value;
        });
        return ClipUse().Replace(svg, m => sameAs.TryGetValue(m.Groups[1].Value, out string? first) ? $"url(#{first})" : m.Value);
    }

    /// <summary>
    /// One group for each run of groups that clip to the same path with nothing between them:
    /// a group's end and the next one's start are dropped when the next clips as it did.
    /// </summary>
    private static string JoinGroups(string svg)
    {
        var text = new StringBuilder(svg.Length);
        var open = new Stack<string?>();
        string? closed = null;
        int end = 0, closedAt = -1;
        foreach (Match m in GroupTag().Matches(svg))
        {
            text.Append(svg, end, m.Index - end);
            end = m.Index + m.Length;
            if (m.Value == "</g>")
            {
                closed = open.Count > 0 ? open.Pop() : null;
                closedAt = text.Length;
                text.Append(m.Value);
                continue;
            }
            string? clip = m.Groups[1].Success ? m.Groups[1].Value : null;
            if (clip is not null && clip == closed && text.ToString(closedAt, text.Length - closedAt).Trim() == "</g>")
                text.Length = closedAt;
            else
                text.Append(m.Value);
            open.Push(clip);
            closed = null;
        }
        return text.Append(svg, end, svg.Length - end).ToString();
    }

    /// <summary>
    /// Joins each run of &lt;path&gt; elements that differ only in their path data, with nothing
    /// but whitespace or labels between them, into one element: the writer draws every tick mark
    /// and grid line as its own element with all its attributes, each tick beside its label. A
    /// tick mark and its label do not overlap, so drawing the marks before the labels looks the same.
    /// </summary>
    private static string MergePaths(string svg)
    {
        var text = new StringBuilder(svg.Length);
        string? lastAttributes = null;
        int end = 0, closeAt = -1;
        foreach (Match m in SinglePath().Matches(svg))
        {
            var between = svg.AsSpan(end, m.Index - end);
            if (lastAttributes is not null && m.Groups[1].Value == lastAttributes && (between.IsWhiteSpace() || OnlyLabels().IsMatch(between)))
            {
                string data = " " + m.Groups[2].Value;
                text.Insert(closeAt, data);
                closeAt += data.Length;
                text.Append(between);
            }
            else
            {
                text.Append(between);
                closeAt = text.Length + m.Length - 3;
                text.Append(m.Value);
                lastAttributes = m.Groups[1].Value;
            }
            end = m.Index + m.Length;
        }
        text.Append(svg, end, svg.Length - end);
        return text.ToString();
    }

    [GeneratedRegex(@"^(?:\s*<text[^>]*>[^<]*</text>)+\s*$")]
    private static partial Regex OnlyLabels();

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex Prolog();

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial Regex ClipId();

    [GeneratedRegex(@" (?:d|x|y|width|height|transform)=""[^""]*""")]
    private static partial Regex Coordinates();

    [GeneratedRegex(@"(\d\.\d)\d+")]
    private static partial Regex LongDecimal();

    /// <summary>
    /// A text element's glyph positions, kept only for its first glyph: the browser sets the rest
    /// in the same font, and the list is most of a label's size.
    /// </summary>
    [GeneratedRegex(@"x=""([^"",]*),[^""]*"" y=""([^"",]*),[^""]*""")]
    private static partial Regex GlyphPositions();

    [GeneratedRegex(@" font-family=""([^""]*)""")]
    private static partial Regex FontFamily();

    /// <summary>A label moved into place and then offset: both are one position.</summary>
    [GeneratedRegex(@"<text transform=""translate\((-?[0-9.]+) (-?[0-9.]+)\)""((?: [a-z-]+=""[^""]*"")*?) x=""(-?[0-9.]+)"" y=""(-?[0-9.]+)"">")]
    private static partial Regex PlacedText();

    [GeneratedRegex(@"<svg\b")]
    private static partial Regex SvgOpen();

    [GeneratedRegex(@" d=""([^""]*)""")]
    private static partial Regex PathData();

    [GeneratedRegex(@"^\s*(?:[ML]\s*-?[0-9.]+[ ,]-?[0-9.]+\s*|Z\s*)*$")]
    private static partial Regex StraightPath();

    [GeneratedRegex(@"([MLZ])\s*(?:(-?[0-9.]+)[ ,](-?[0-9.]+))?")]
    private static partial Regex PathCommand();

    [GeneratedRegex(@"<clipPath id=""(c\d+)"">\s*(<rect [^>]*/>)\s*</clipPath>\s*")]
    private static partial Regex ClipDefinition();

    [GeneratedRegex(@"url\(#(c\d+)\)")]
    private static partial Regex ClipUse();

    /// <summary>The start of a group (the id of the path it clips to captured, if it clips) or the end of one.</summary>
    [GeneratedRegex(@"<g(?: clip-path=""url\(#(c\d+)\)"")?(?:\s[^>]*)?>|</g>")]
    private static partial Regex GroupTag();

    [GeneratedRegex(@"<path [^>]*? d=""""/>\s*")]
    private static partial Regex EmptyPath();

    [GeneratedRegex(@"<path ([^>]*?) d=""([^""]*)""/>")]
    private static partial Regex SinglePath();

    [GeneratedRegex(@"[\r\n\t]+")]
    private static partial Regex LineBreaks();
}
