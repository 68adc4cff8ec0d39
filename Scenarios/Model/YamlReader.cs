using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GossipSim.Scenarios.Model;

/// <summary>
/// Reads YAML text into <see cref="RawNode"/>s with file:line:column on every node.
/// YamlDotNet exceptions (syntax errors, duplicate keys) become one located error. A document
/// nested deeper than <see cref="MaxDepth"/>, or whose aliases expand to more than
/// <see cref="MaxNodes"/> nodes, is refused at the place it goes too far, before any tree is built.
/// </summary>
internal static partial class YamlReader
{
    /// <summary>
    /// Deepest nesting of maps and lists. A scenario needs about six levels; the tree is built and
    /// converted recursively, so ten thousand nested '[' would otherwise overflow the stack.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most nodes the document may stand for once every alias is expanded. Explicit ring tokens of
    /// a large cluster are the biggest legitimate documents (a thousand nodes of 256 tokens is a
    /// quarter of this); nine levels of ten aliases each (a "billion laughs") stand for 10^9.
    /// </summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>Returns the single document's root, or null after adding an error.</summary>
    public static RawNode? Read(string text, string file, ErrorSink errors, Func<Mark, SourceLocation>? locate = null, string key = "")
    {
        locate ??= m => new SourceLocation(file, (int)m.Line, (int)m.Column);
        if (!CheckShape(text, errors, locate, key)) return null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(locate(e.Start), key, "malformed YAML: " + CleanMessage(e));
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Defensive: YamlDotNet reports most problems as YamlException, but the public API
            // promises ScenarioException only.
            errors.Add(new SourceLocation(file, 0, 0), key, "malformed YAML: " + e.Message);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(locate(stream.Documents[1].RootNode.Start), "", "expected one YAML document, found " + stream.Documents.Count);
            return null;
        }

        return Convert(stream.Documents[0].RootNode, errors, locate);
    }

    /// <summary>
    /// Walks the document's parse events (a loop, no recursion) and refuses it where it nests too
    /// deep, where an alias names no anchor defined before it, or where its expansion passes the
    /// node limit. Also gives a place to a syntax error the tree builder would report without one.
    /// </summary>
    private static bool CheckShape(string text, ErrorSink errors, Func<Mark, SourceLocation> locate, string key)
    {
        var parser = new Parser(new StringReader(text));
        var expanded = new Dictionary<string, long>(StringComparer.Ordinal); // anchor -> nodes it stands for
        var open = new Stack<(long NodesBefore, AnchorName Anchor)>();
        long nodes = 0;
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.Start;
                switch (e)
                {
                    case AnchorAlias alias:
                        if (!expanded.TryGetValue(alias.Value.Value, out long size))
                        {
                            errors.Add(locate(alias.Start), key, $"malformed YAML: alias '*{alias.Value.Value}' refers to no anchor defined before it");
                            return false;
                        }
                        nodes += size;
                        break;
                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty) expanded[scalar.Anchor.Value] = 1;
                        break;
                    case SequenceStart or MappingStart:
                        if (open.Count >= MaxDepth)
                        {
                            errors.Add(locate(e.Start), key, $"malformed YAML: nested deeper than {MaxDepth} levels of maps and lists");
                            return false;
                        }
                        open.Push((nodes, ((NodeEvent)e).Anchor));
                        nodes++;
                        break;
                    case SequenceEnd or MappingEnd:
                        var (before, anchor) = open.Pop();
                        if (!anchor.IsEmpty) expanded[anchor.Value] = nodes - before;
                        break;
                }
                if (nodes > MaxNodes)
                {
                    errors.Add(locate(e.Start), key, $"malformed YAML: the document stands for more than {MaxNodes:N0} values once its aliases are expanded");
                    return false;
                }
            }
            return true;
        }
        catch (YamlException e)
        {
            errors.Add(locate(Place(e, last, text)), key, "malformed YAML: " + CleanMessage(e));
            return false;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet's parser can fail on a broken structure without saying where; the last event read is the best place known.
            errors.Add(locate(last), key, "malformed YAML: the structure breaks off here (an unclosed '[' or '{', or a block item inside a flow list?)");
            return false;
        }
    }

    /// <summary>
    /// Where a YamlDotNet error is. Some carry the start of the enclosing map (1:1) though the
    /// problem is later on: a tab in an indentation is pointed at where it is, others at the last
    /// event read before the error.
    /// </summary>
    private static Mark Place(YamlException e, Mark last, string text)
    {
        if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                int indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                int tab = lines[i].IndexOf('\t', 0, indent);
                if (tab >= 0) return new Mark(0, i + 1, tab + 1);
            }
        }
        return e.Start.Line <= 1 && e.Start.Column <= 1 && last.Line > 1 ? last : e.Start;
    }

    private static RawNode Convert(YamlNode node, ErrorSink errors, Func<Mark, SourceLocation> locate)
    {
        var at = locate(node.Start);
        switch (node)
        {
            case YamlScalarNode s:
                return new RawScalar(at, s.Value ?? "", s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                    or ScalarStyle.Literal or ScalarStyle.Folded);
            case YamlSequenceNode seq:
                return new RawList(at, seq.Children.Select(c => Convert(c, errors, locate)).ToList());
            case YamlMappingNode map:
                var entries = new List<RawEntry>();
                foreach (var (k, v) in map.Children)
                {
                    if (k is not YamlScalarNode ks || ks.Value is null)
                    {
                        errors.Add(locate(k.Start), "", "map keys must be plain text");
                        continue;
                    }

                    entries.Add(new RawEntry(ks.Value, locate(k.Start), Convert(v, errors, locate)));
                }

                return new RawMap(at, entries);
            default:
                errors.Add(at, "", "unsupported YAML node");
                return new RawScalar(at, "", false);
        }
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; we
    // already report the position, so keep only the human part.
    private static string CleanMessage(YamlException e)
    {
        return PositionPrefix().Replace(e.Message, "");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
