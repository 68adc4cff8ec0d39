namespace GossipSim.Tests.Scenarios;

/// <summary>Which protocols take application updates, and how a scenario drops the updates of its defaults.</summary>
public class UpdatesKeysTests
{
    private static readonly string WithDefaultUpdates = ScenarioYaml.Lines(
        "defaults:",
        "  nodes: 50",
        "  updates: {every: 1s}",
        "scenarios:");

    [TestCase("swim", "{preset: memberlist-lan}")]
    [TestCase("heartbeat", "{preset: cassandra}")]
    [TestCase("akka", "{preset: akka}")]
    public void Load_MembershipProtocolWithUpdates_ErrorAtTheUpdatesLine(string kind, string protocol)
    {
        var errors = ScenarioYaml.Errors(WithDefaultUpdates + ScenarioYaml.Lines(
            "  - name: m",
            $"    protocol: {protocol}"));
        Assert.That(errors, Has.Count.EqualTo(1));
        var e = errors[0];
        Assert.Multiple(() =>
        {
            Assert.That((e.File, e.Line, e.Key), Is.EqualTo((ScenarioYaml.File, 3, "updates")), "points at the defaults' updates the scenario took");
            Assert.That(e.Message, Does.Contain($"kind '{kind}' carries no application updates"));
            Assert.That(e.Message, Does.Contain("updates: none"));
        });
    }

    [Test]
    public void Load_UpdatesNone_DropsTheUpdatesOfDefaults()
    {
        var set = ScenarioYaml.Load(WithDefaultUpdates + ScenarioYaml.Lines(
            "  - name: m",
            "    protocol: {preset: memberlist-lan}",
            "    updates: none",
            "  - name: r",
            "    protocol: {kind: push}"));
        Assert.Multiple(() =>
        {
            Assert.That(set.Points[0].Has("updates"), Is.False);
            Assert.That(set.Points[1].Has("updates.every"), Is.True, "a scenario without 'none' keeps the defaults' updates");
        });
    }

    [Test]
    public void Load_UpdatesNone_SameSpecAsNoUpdatesWritten()
    {
        var dropped = ScenarioYaml.Single(WithDefaultUpdates + ScenarioYaml.Lines(
            "  - name: m",
            "    protocol: {kind: push}",
            "    updates: none"));
        var never = ScenarioYaml.Single(ScenarioYaml.Lines(
            "defaults:",
            "  nodes: 50",
            "scenarios:",
            "  - name: m",
            "    protocol: {kind: push}"));
        Assert.That(dropped.CanonicalYaml(), Is.EqualTo(never.CanonicalYaml()), "one configuration, one spec (and one hash for resume and merge)");
    }

    [Test]
    public void Load_UpdatesOtherWord_ErrorNamesNone()
    {
        var errors = ScenarioYaml.Errors(ScenarioYaml.Lines(
            "scenarios:",
            "  - name: r",
            "    updates: off"));
        Assert.That(errors.Select(e => (e.Line, e.Key)), Is.EqualTo(new[] { (3, "updates") }));
        Assert.That(errors[0].Message, Does.Contain("(or 'none')"));
    }
}
