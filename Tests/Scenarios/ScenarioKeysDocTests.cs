using GossipSim.Scenarios.Schema;

namespace GossipSim.Tests.Scenarios;

public class ScenarioKeysDocTests
{
    [Test]
    public void Docs_EverySchemaKey_Documented()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GossipSim.sln")))
        {
            dir = dir.Parent;
        }

        Assert.That(dir, Is.Not.Null, "repository root not found");
        var docs = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "scenario-keys.md"));
        var missing = ScenarioSchema.Root.Describe("").Select(d => d.Path).Distinct()
            .Where(p => !docs.Contains($"`{p}`", StringComparison.Ordinal)).ToList();
        Assert.That(missing, Is.Empty, "keys missing from docs/scenario-keys.md");
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
}
