using System.CommandLine;
using GossipSim.Scenarios;

namespace GossipSim.Simulator.Cli;

/// <summary>The scenario file argument and the options that pick and override scenarios, shared by run, list and check.</summary>
public sealed class ScenarioOptions
{
    public Argument<string?> File { get; } = new("FILE") { Description = "Scenario file (default ./scenarios.yaml)", Arity = ArgumentArity.ZeroOrOne };

    public Option<string[]> Scenario { get; } = new("--scenario") { Description = "Only this scenario (repeatable)" };

    public Option<string[]> Tag { get; } = new("--tag") { Description = "Only scenarios with this tag (repeatable: any of them)" };

    public Option<string[]> Set { get; } = new("--set") { Description = "Override a key in every selected scenario: PATH=VALUE (repeatable)" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Scenario);
        command.Options.Add(Tag);
        command.Options.Add(Set);
    }

    public (ScenarioSet Set, List<ScenarioSpec> Points) Load(ParseResult result)
    {
        var selection = new ScenarioSelection(result.GetValue(Scenario) ?? [], result.GetValue(Tag) ?? []);
        var set = ScenarioInput.Load(result.GetValue(File), result.GetValue(Set) ?? [], selection);
        return (set, ScenarioInput.Select(set, selection));
    }
}
