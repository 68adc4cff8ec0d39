using System.Text.RegularExpressions;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Docs;

/// <summary>
/// The cross-references of README.md, ARCHITECTURE.md and docs/*.md: every relative link names a
/// file of the repository, every #anchor a heading of its page (as GitHub makes anchors from
/// headings), and every path in backticks under a top-level folder of the repository exists. A
/// renamed heading, file or folder fails here instead of leaving a dead link.
/// </summary>
public class DocLinksTests
{
    private static readonly string[] TopLevelFolders = ["Simulator", "Scenarios", "Analysis", "Tests", "Benchmarks", "Validation", "docs", ".ci", ".github"];

    private static IEnumerable<string> Pages() =>
        new[] { "README.md", "ARCHITECTURE.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md")
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f)).Order(StringComparer.Ordinal));

    [Test]
    public void EveryRelativeLinkAndAnchor_Resolves()
    {
        var broken = new List<string>();
        foreach (string page in Pages())
        {
            string text = OutsideCodeBlocks(File.ReadAllText(Path.Combine(RepositoryRoot.Path, page)));
            foreach (Match link in Regex.Matches(text, @"\]\(([^)\s]+)\)"))
            {
                string target = link.Groups[1].Value;
                if (Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:")) continue;
                int hash = target.IndexOf('#');
                string file = hash < 0 ? target : target[..hash];
                string resolved = file.Length == 0 ? page : Path.GetRelativePath(RepositoryRoot.Path, Path.GetFullPath(Path.Combine(RepositoryRoot.Path, Path.GetDirectoryName(page)!, file)));
                string full = Path.Combine(RepositoryRoot.Path, resolved);
                if (!File.Exists(full) && !Directory.Exists(full)) broken.Add($"{page}: {target}: no such file");
                else if (hash >= 0 && resolved.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(full)).Contains(target[(hash + 1)..]))
                    broken.Add($"{page}: {target}: no such heading");
            }
        }
        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void EveryRepositoryPathInBackticks_Exists()
    {
        var missing = new List<string>();
        string folders = string.Join('|', TopLevelFolders.Select(Regex.Escape));
        foreach (string page in Pages())
        {
            foreach (Match path in Regex.Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, page)), $"`((?:{folders})/[^`\\s]*)`"))
            {
                string full = Path.Combine(RepositoryRoot.Path, path.Groups[1].Value);
                if (!File.Exists(full) && !Directory.Exists(full)) missing.Add($"{page}: {path.Groups[1].Value}");
            }
        }
        Assert.That(missing, Is.Empty);
    }

    [TestCase("One large run on several cores: `--threads`", "one-large-run-on-several-cores---threads")]
    [TestCase("Who declared whom: `declarations.csv`", "who-declared-whom-declarationscsv")]
    [TestCase("faults, initial_nodes, heal_at", "faults-initial_nodes-heal_at")]
    [TestCase("§1 memberlist", "1-memberlist")]
    public void Slug_AsGitHubMakesIt(string heading, string anchor) => Assert.That(Slug(heading), Is.EqualTo(anchor));

    /// <summary>The anchors of a page's headings: the slug, and for a repeated slug the slug with -1, -2, ...</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match heading in Regex.Matches(OutsideCodeBlocks(markdown), @"^#{1,6}[ \t]+(.+?)[ \t#]*$", RegexOptions.Multiline))
        {
            string slug = Slug(heading.Groups[1].Value);
            int n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }
        return anchors;
    }

    /// <summary>GitHub's heading anchor: lower case, every character but letters, digits, '_', '-' and spaces dropped, spaces as '-'.</summary>
    private static string Slug(string heading) => Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{Nd}_\- ]", "").Replace(' ', '-');

    private static string OutsideCodeBlocks(string markdown) => Regex.Replace(markdown, @"^```.*?^```", "", RegexOptions.Multiline | RegexOptions.Singleline);
}
