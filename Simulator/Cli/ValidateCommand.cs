using System.CommandLine;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim validate [FILE]</c>: checks the whole file against the schema without running
/// anything. The loader collects every problem in one pass, so each is listed with
/// file:line:column (and a suggestion where there is a near miss); exit 2 when there is any.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "Scenario file (default ./scenarios.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("validate", "Check a scenario file: every problem with file:line:column, exit 2 if any") { file };
        command.SetAction(result => Cli.Guard(() =>
        {
            string path = result.GetValue(file) ?? ScenarioInput.DefaultFile;
            try
            {
                var set = ScenarioLoader.Load(path);
                foreach (string note in set.Notes) Console.WriteLine("note: " + note);
                var unknown = ExpectationCheck.UnknownMetrics(set.Points);
                if (unknown.Count > 0) throw new ScenarioException(unknown);
                long runs = RunPlan.Count(set.Points);
                Console.WriteLine($"{path}: ok: {set.ScenarioNames.Count} scenarios, {set.Points.Count} sweep points, {runs} runs");
                return ExitCodes.Ok;
            }
            catch (ScenarioException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine(error.ToString());
                Console.Error.WriteLine($"{path}: {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}");
                return ExitCodes.BadInput;
            }
        }));
        return command;
    }
}
