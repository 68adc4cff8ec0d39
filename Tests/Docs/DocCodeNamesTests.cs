using System.Reflection;
using System.Text.RegularExpressions;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Docs;

/// <summary>
/// Every <c>Type.Member</c> the docs name in backticks, where Type is one of the project's own
/// types, names a member that type has: a renamed or removed method, property or field fails here
/// instead of sending a reader to code that is not there. Names of other systems' code
/// (<c>Gossiper.examineGossiper</c>) are not the project's types and are left alone.
/// </summary>
public class DocCodeNamesTests
{
    private static readonly Assembly[] ProjectAssemblies =
    [
        typeof(GossipSim.Simulator.Runs.RunExecutor).Assembly,
        typeof(GossipSim.Scenarios.ScenarioLoader).Assembly,
        typeof(GossipSim.Analysis.ResultRow).Assembly,
    ];

    [Test]
    public void EveryTypeDotMember_NamesAMemberOfThatType()
    {
        var types = ProjectAssemblies.SelectMany(a => a.GetTypes()).ToLookup(t => SimpleName(t), StringComparer.Ordinal);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var unknown = new List<string>();
        string[] pages = ["README.md", "ARCHITECTURE.md", .. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Select(f => Path.Combine("docs", Path.GetFileName(f))).Order(StringComparer.Ordinal)];
        foreach (string page in pages)
        {
            foreach (Match name in Regex.Matches(File.ReadAllText(Path.Combine(RepositoryRoot.Path, page)), @"`([A-Z]\w*)\.([A-Z]\w*)(?:\([^`]*\))?`"))
            {
                string type = name.Groups[1].Value, member = name.Groups[2].Value;
                if (!types.Contains(type)) continue;
                bool found = types[type].Any(t => Lineage(t).Any(l => l.GetMember(member, all).Length > 0));
                if (!found) unknown.Add($"{page}: {type}.{member}");
            }
        }
        Assert.That(unknown.Distinct(), Is.Empty, "members the docs name that their type does not have");
    }

    /// <summary>A type's name without its generic arity (<c>SharedViewTable`1</c> is <c>SharedViewTable</c>).</summary>
    private static string SimpleName(Type type) => type.Name.Split('`')[0];

    private static IEnumerable<Type> Lineage(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType) yield return t;
    }
}
