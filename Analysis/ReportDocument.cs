using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace GossipSim.Analysis;

/// <summary>
/// A report as a list of blocks, rendered twice: to Markdown (images linked from plots/) and to
/// self-contained XHTML (the SVG figures inline as data URIs, so the
/// file can be mailed or attached to a CI run on its own). One model keeps the two from drifting
/// apart. Text may use **bold**, `code` and links to anchors in this report, [text](#id).
/// </summary>
internal sealed partial class ReportDocument
{
    private abstract record Block;
    private sealed record Heading(int Level, string Text, string? Id) : Block;
    private sealed record Paragraph(string Text) : Block;
    private sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
    private sealed record Image(PlotResult Plot) : Block;
    private sealed record Links(IReadOnlyList<(string Text, string Id)> Items) : Block;

    private readonly List<Block> _blocks = [];

    /// <summary>A heading; with an id, an anchor that links of the form [text](#id) reach in both renderings.</summary>
    public void AddHeading(int level, string text, string? id = null) => _blocks.Add(new Heading(level, text, id));

    /// <summary>A bulleted list of links to headings of this report (the contents).</summary>
    public void AddLinks(IReadOnlyList<(string Text, string Id)> items)
    {
        if (items.Count > 0) _blocks.Add(new Links(items));
    }

    public void AddParagraph(string text) => _blocks.Add(new Paragraph(text));

    public void AddTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count > 0) _blocks.Add(new Table(header, rows));
    }

    public void AddImage(PlotResult? plot)
    {
        if (plot is not null) _blocks.Add(new Image(plot));
    }

    /// <summary>
    /// The table without its columns that are empty or "–" in every row, from the column
    /// keepFirst on, so a section shows only what applies to its scenario.
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) WithoutEmptyColumns(
        IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int keepFirst)
    {
        var kept = Enumerable.Range(0, header.Count).Where(c => c < keepFirst || rows.Any(r => r[c] is not ("" or "–"))).ToList();
        return (kept.Select(c => header[c]).ToList(), rows.Select(r => (IReadOnlyList<string>)kept.Select(c => r[c]).ToList()).ToList());
    }

    /// <summary>A number for people: at most four significant-looking decimals, "–" for no data.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "–";
        double abs = Math.Abs(value);
        string format = abs >= 1000 ? "0" : abs >= 10 ? "0.0#" : abs >= 0.01 || abs == 0 ? "0.###" : "0.######";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>"mean [ci low, ci high]", or just the mean when there is no CI.</summary>
    public static string MeanWithCi(SampleStatistics s) => Mean(s, s.N, withCi: true);

    /// <summary>
    /// "mean (k of n) [ci low, ci high]": the mean; then, when it is over fewer than the row's
    /// <paramref name="runs"/> (the other runs never had the value, e.g. no crash was marked
    /// dead in them), over how many, so one run's value does not pass for all of them; then the
    /// CI when asked and there is one. The CI stays last, where report.html moves it under the mean.
    /// </summary>
    public static string Mean(SampleStatistics s, int runs, bool withCi)
    {
        if (s.N == 0) return "–";
        string mean = s.N < runs ? $"{Number(s.Mean)} ({s.N} of {runs})" : Number(s.Mean);
        return withCi && !double.IsNaN(s.Ci95Low) ? $"{mean} [{Number(s.Ci95Low)}, {Number(s.Ci95High)}]" : mean;
    }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Heading h:
                    if (h.Id is not null) md.Append("<a id=\"").Append(h.Id).Append("\"></a>\n\n");
                    md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Links l:
                    foreach (var (text, id) in l.Items) md.Append("- [").Append(text).Append("](#").Append(id).Append(")\n");
                    md.Append('\n');
                    break;
                case Paragraph p:
                    md.Append(p.Text).Append("\n\n");
                    break;
                case Table t:
                    md.Append("| ").Append(string.Join(" | ", t.Header.Select(EscapeCell))).Append(" |\n");
                    md.Append('|').Append(string.Concat(t.Header.Select(_ => " --- |"))).Append('\n');
                    foreach (var row in t.Rows) md.Append("| ").Append(string.Join(" | ", row.Select(EscapeCell))).Append(" |\n");
                    md.Append('\n');
                    break;
                case Image i:
                    md.Append("![").Append(i.Plot.Title).Append("](plots/").Append(i.Plot.FileName).Append(")\n\n");
                    break;
            }
        }
        return md.ToString();
    }

    /// <summary>XHTML (parses as XML), with every image read from plotsDirectory and embedded.</summary>
    public string ToHtml(string title, string plotsDirectory)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>")
            .Append(Encode(title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}")
            .Append("table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top}")
            .Append("td small{color:#555}th{font-weight:600}img{max-width:100%;height:auto}figure{margin:1em 0}")
            .Append("</style>\n</head>\n<body>\n");
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append($"<h{h.Level}").Append(h.Id is null ? "" : $" id=\"{Encode(h.Id)}\"").Append('>')
                        .Append(Inline(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case Links l:
                    html.Append("<ul>\n");
                    foreach (var (text, id) in l.Items)
                        html.Append("<li><a href=\"#").Append(Encode(id)).Append("\">").Append(Inline(text)).Append("</a></li>\n");
                    html.Append("</ul>\n");
                    break;
                case Paragraph p:
                    html.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                    break;
                case Table t:
                    html.Append("<table>\n<tr>");
                    foreach (string cell in t.Header) html.Append("<th>").Append(Inline(cell)).Append("</th>");
                    html.Append("</tr>\n");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        // The CI goes under the mean (and may wrap), so tables of sixteen metrics still fit the page's width.
                        foreach (string cell in row) html.Append("<td>").Append(CiUnderMean().Replace(Inline(cell), "<br /><small>[$1]</small>")).Append("</td>");
                        html.Append("</tr>\n");
                    }
                    html.Append("</table>\n");
                    break;
                case Image i:
                    string source = "data:image/svg+xml," + SvgDataText(File.ReadAllText(Path.Combine(plotsDirectory, i.Plot.FileName)));
                    html.Append("<figure><img alt=\"").Append(Encode(i.Plot.Title)).Append("\" src=\"").Append(source)
                        .Append("\" /><figcaption>").Append(Encode(i.Plot.Title)).Append("</figcaption></figure>\n");
                    break;
            }
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// A figure's SVG file (already compact, <see cref="CompactSvg"/>) as the text of a data URI:
    /// line breaks dropped, attributes quoted with apostrophes, and only the characters that must
    /// be (%, #, &lt;, &gt;, &amp;, ') percent-encoded instead of base64's third more.
    /// </summary>
    private static string SvgDataText(string svg)
    {
        var text = new StringBuilder(svg.Length + svg.Length / 8);
        foreach (char c in svg)
        {
            switch (c)
            {
                case '\n' or '\r' or '\t': break;
                case '%': text.Append("%25"); break;
                case '#': text.Append("%23"); break;
                case '<': text.Append("%3C"); break;
                case '>': text.Append("%3E"); break;
                case '&': text.Append("%26"); break;
                case '\'': text.Append("%27"); break;
                // The writer puts no apostrophe inside a tag, so attributes can be quoted with it instead.
                case '"': text.Append('\''); break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }

    private static string EscapeCell(string text) => text.Replace("|", "\\|");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The only Markdown the report's own text uses is **bold** and `code`; everything else is literal.</summary>
    private static string Inline(string text)
    {
        var encoded = Encode(text);
        encoded = ReplacePairs(encoded, "**", "<strong>", "</strong>");
        encoded = ReplacePairs(encoded, "`", "<code>", "</code>");
        return AnchorLink().Replace(encoded, "<a href=\"#$2\">$1</a>");
    }

    [GeneratedRegex(@"\[([^\]]+)\]\(#([A-Za-z0-9_-]+)\)")]
    private static partial Regex AnchorLink();

    [GeneratedRegex(@" \[([^\]]*)\]$")]
    private static partial Regex CiUnderMean();

    private static string ReplacePairs(string text, string marker, string open, string close)
    {
        var parts = text.Split(marker);
        if (parts.Length % 2 == 0) return text;
        var sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.Length; i++) sb.Append(i % 2 == 1 ? open : close).Append(parts[i]);
        return sb.ToString();
    }
}
