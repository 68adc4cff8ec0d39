namespace GossipSim.Scenarios.Model;

/// <summary>One parsed `--set PATH=VALUE`; the value is YAML (scalar, flow map or flow list).</summary>
internal sealed record SetOverride(string Path, string[] Segments, RawNode Value, SourceLocation At)
{
    private static readonly string[] NotSettable = ["name", "sweep"];

    public static List<SetOverride> ParseAll(IReadOnlyList<string>? texts, ErrorSink errors)
    {
        var result = new List<SetOverride>();
        foreach (var text in texts ?? [])
        {
            if (Parse(text ?? "", errors) is { } o)
            {
                result.Add(o);
            }
        }

        return result;
    }

    private static SetOverride? Parse(string text, ErrorSink errors)
    {
        var eq = text.IndexOf('=');
        var path = (eq < 0 ? text : text[..eq]).Trim();
        var at = SourceLocation.ForOverride(path);
        if (eq < 0)
        {
            errors.Add(at, path, $"expected PATH=VALUE, got '{text}'");
            return null;
        }

        var segments = PathSetter.Split(path);
        if (segments is null)
        {
            errors.Add(at, path, "expected a key path like protocol.fanout before '='");
            return null;
        }

        if (NotSettable.Contains(segments[0]))
        {
            errors.Add(at, path, $"'{segments[0]}' cannot be set from the command line");
            return null;
        }

        var valueText = text[(eq + 1)..];
        if (valueText.Trim().Length == 0)
        {
            errors.Add(at, path, "missing value after '='");
            return null;
        }

        // Every node of the value is located at "--set PATH" so errors name the override.
        var value = YamlReader.Read(valueText, at.File, errors, _ => at, path);
        return value is null ? null : new SetOverride(path, segments, value, at);
    }
}
