using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GossipSim.Scenarios.Model;

/// <summary>
/// Reads YAML text into <see cref="RawNode"/>s with file:line:column on every node.
/// YamlDotNet exceptions (syntax errors, duplicate keys) become one located error.
/// </summary>
internal static partial class YamlReader
{
    /// <summary>Returns the single document's root, or null after adding an error.</summary>
    public static RawNode? Read(string text, string file, ErrorSink errors, Func<Mark, SourceLocation>? locate = null, string key = "")
    {
        locate ??= m => new SourceLocation(file, (int)m.Line, (int)m.Column);
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
