using System.Text.RegularExpressions;
using GossipSim.Scenarios.Schema;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Scenarios;

/// <summary>
/// docs/scenario-keys.md and docs/swim.md's key table against the schema, both ways: every schema
/// key is documented, every documented key is one the loader takes, and every value an
/// enumerated key takes is named in its row. A key, kind or value added to or dropped from the
/// schema fails here until the docs follow.
/// </summary>
public class ScenarioKeysDocTests
{
    private const string EnumeratedPrefix = "one of ";

    [Test]
    public void Docs_EverySchemaKey_Documented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "scenario-keys.md"));
        var missing = ScenarioSchema.Root.Describe("").Select(d => d.Path).Distinct()
            .Where(p => !docs.Contains($"`{p}`", StringComparison.Ordinal)).ToList();
        Assert.That(missing, Is.Empty, "keys missing from docs/scenario-keys.md");
    }

    [Test]
    public void Docs_EveryDocumentedKey_IsASchemaKey()
    {
        var unknown = KeyRows("scenario-keys.md", prefix: "").Keys.Where(key => !IsKnown(key))
            .Concat(KeyRows("swim.md", prefix: "protocol.").Keys.Where(key => !IsKnown(key)).Select(key => "swim.md: " + key))
            .ToList();
        Assert.That(unknown, Is.Empty, "documented keys the schema does not have");
    }

    [Test]
    public void Docs_EveryValueOfAnEnumeratedKey_NamedInItsRow()
    {
        var rows = KeyRows("scenario-keys.md", prefix: "");
        var missing = new List<string>();
        foreach (var key in ScenarioSchema.Root.Describe("").Where(d => d.Type.StartsWith(EnumeratedPrefix, StringComparison.Ordinal)))
        {
            string row = string.Join(" ", DocumentedAs(key.Path).Distinct().Select(p => rows.GetValueOrDefault(p)).OfType<string>());
            if (row.Length == 0)
            {
                missing.Add($"{key.Path}: no row");
                continue;
            }
            foreach (string value in key.Type[EnumeratedPrefix.Length..].Split('|', StringSplitOptions.TrimEntries))
                if (!Regex.IsMatch(row, $@"(?<![\w-]){Regex.Escape(value)}(?![\w-])")) missing.Add($"{key.Path}: {value}");
        }
        Assert.That(missing, Is.Empty, "values of enumerated keys missing from their rows in docs/scenario-keys.md");
    }

    [Test]
    public void Describe_Schema_ListsDefaults()
    {
        var docs = ScenarioSchema.Root.Describe("").ToList();
        // Each protocol kind declares its own fanout (pushpull 3, heartbeat 1).
        Assert.That(docs.Where(d => d.Path == "protocol.fanout").Select(d => d.Default), Is.EquivalentTo(new[] { "3", "1" }));
        Assert.That(docs.Single(d => d.Path == "nodes").Default, Is.EqualTo("1200"));
        Assert.That(docs.Where(d => d.Path == "protocol.interval").Select(d => d.Default), Is.EquivalentTo(new[] { "200ms", "1s" }));
    }

    /// <summary>
    /// The rows of the doc's key tables (a header whose first cell is "key"), by the key in their
    /// first cell with <paramref name="prefix"/> in front; a key with rows in several tables (one per
    /// protocol kind) gets their cells joined.
    /// </summary>
    private static Dictionary<string, string> KeyRows(string doc, string prefix)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        bool inKeyTable = false;
        foreach (string line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "docs", doc)))
        {
            if (!line.StartsWith('|'))
            {
                inKeyTable = false;
                continue;
            }
            if (Regex.IsMatch(line, @"^\|\s*key\s*\|")) inKeyTable = true;
            var match = Regex.Match(line, @"^\|\s*`([^`]+)`\s*\|(.*)$");
            if (!inKeyTable || !match.Success) continue;
            string key = prefix + match.Groups[1].Value;
            rows[key] = rows.TryGetValue(key, out string? before) ? before + " " + match.Groups[2].Value : match.Groups[2].Value;
        }
        return rows;
    }

    /// <summary>
    /// A schema key, a map that holds schema keys, a key the loader consumes itself (<c>sweep</c>),
    /// a tagged form its parent's type names (<c>workload.keys.zipf</c> of <c>uniform, {zipf: s}</c>),
    /// or a <c>faults[].KIND.*</c> pattern that some fault kind has.
    /// </summary>
    private static bool IsKnown(string key)
    {
        var described = ScenarioSchema.Root.Describe("").ToList();
        var paths = described.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        foreach (string path in described.Select(d => d.Path))
            for (int dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1)) paths.Add(path[..dot].Replace("[]", ""));
        if (paths.Contains(key) || ScenarioSchema.LoaderKeys.Contains(key)) return true;
        int last = key.LastIndexOf('.');
        if (last > 0 && described.Any(d => d.Path == key[..last] && d.Type.Contains("{" + key[(last + 1)..] + ":", StringComparison.Ordinal))) return true;
        var pattern = new Regex("^" + Regex.Escape(key).Replace("KIND", "[a-z]+") + "$");
        return key.Contains("KIND", StringComparison.Ordinal) && paths.Any(p => pattern.IsMatch(p));
    }

    /// <summary>
    /// The rows a schema key is documented under, read together: its own, the <c>faults[].KIND.*</c>
    /// row of a target key every fault kind shares, and for a zone link's latency, whose row refers
    /// to <c>network.latency</c>, that key's row.
    /// </summary>
    private static IEnumerable<string> DocumentedAs(string path)
    {
        yield return path;
        yield return Regex.Replace(path, @"^faults\[\]\.[a-z]+\.", "faults[].KIND.");
        yield return path.Replace("network.zones.links[].latency.", "network.latency.", StringComparison.Ordinal);
    }
}
