using System.Globalization;
using System.Net;
using System.Text;

namespace GossipSim.Analysis;

/// <summary>
/// A report as a list of blocks, rendered twice: to Markdown (images linked from plots/) and to
/// self-contained XHTML (images inline as base64 data URIs, so the file can be mailed or
/// attached to a CI run on its own). One model keeps the two from drifting apart.
/// </summary>
internal sealed class ReportDocument
{
    private abstract record Block;
    private sealed record Heading(int Level, string Text) : Block;
    private sealed record Paragraph(string Text) : Block;
    private sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
    private sealed record Image(string FileName, string Title) : Block;

    private readonly List<Block> _blocks = [];

    public void AddHeading(int level, string text) => _blocks.Add(new Heading(level, text));

    public void AddParagraph(string text) => _blocks.Add(new Paragraph(text));

    public void AddTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (rows.Count > 0) _blocks.Add(new Table(header, rows));
    }

    public void AddImage(PlotResult? plot)
    {
        if (plot is not null) _blocks.Add(new Image(plot.FileName, plot.Title));
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
    public static string MeanWithCi(SampleStatistics s) =>
        s.N == 0 ? "–" : double.IsNaN(s.Ci95Low) ? Number(s.Mean) : $"{Number(s.Mean)} [{Number(s.Ci95Low)}, {Number(s.Ci95High)}]";

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append('#', h.Level).Append(' ').Append(h.Text).Append("\n\n");
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
                    md.Append("![").Append(i.Title).Append("](plots/").Append(i.FileName).Append(")\n\n");
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
            .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left}")
            .Append("img{max-width:100%}")
            .Append("</style>\n</head>\n<body>\n");
        foreach (var block in _blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append($"<h{h.Level}>").Append(Inline(h.Text)).Append($"</h{h.Level}>\n");
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
                        foreach (string cell in row) html.Append("<td>").Append(Inline(cell)).Append("</td>");
                        html.Append("</tr>\n");
                    }
                    html.Append("</table>\n");
                    break;
                case Image i:
                    string data = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(plotsDirectory, i.FileName)));
                    html.Append("<figure><img alt=\"").Append(Encode(i.Title)).Append("\" src=\"data:image/png;base64,")
                        .Append(data).Append("\" /><figcaption>").Append(Encode(i.Title)).Append("</figcaption></figure>\n");
                    break;
            }
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string EscapeCell(string text) => text.Replace("|", "\\|");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The only Markdown the report's own text uses is **bold** and `code`; everything else is literal.</summary>
    private static string Inline(string text)
    {
        var encoded = Encode(text);
        encoded = ReplacePairs(encoded, "**", "<strong>", "</strong>");
        return ReplacePairs(encoded, "`", "<code>", "</code>");
    }

    private static string ReplacePairs(string text, string marker, string open, string close)
    {
        var parts = text.Split(marker);
        if (parts.Length % 2 == 0) return text;
        var sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.Length; i++) sb.Append(i % 2 == 1 ? open : close).Append(parts[i]);
        return sb.ToString();
    }
}
