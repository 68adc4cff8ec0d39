using System.Text.RegularExpressions;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>Free text, optionally restricted by a pattern (names end up in paths and file names).</summary>
internal sealed class TextKey : ScalarKey
{
    public TextKey(string? pattern = null, string? patternHelp = null)
    {
        Pattern = pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant);
        PatternHelp = patternHelp ?? pattern ?? "";
    }

    public Regex? Pattern { get; }

    public string PatternHelp { get; }

    public override string TypeName => Pattern is null ? "string" : $"string ({PatternHelp})";

    public override SpecValue? Parse(RawScalar s, string path, Validation v)
    {
        if (Pattern is not null && !Pattern.IsMatch(s.Text))
        {
            v.Error(s.At, path, $"'{s.Text}' is not valid: use {PatternHelp}");
            return null;
        }

        return SpecValue.OfText(s.Text);
    }
}
