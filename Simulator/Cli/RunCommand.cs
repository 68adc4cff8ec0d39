using System.CommandLine;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary><c>gossipsim run</c>: runs the scenarios of a file and writes the result set.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "Scenario file (default ./scenarios.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = new Option<string[]>("--scenario") { Description = "Run only this scenario (repeatable)", AllowMultipleArgumentsPerToken = false };
        var set = new Option<string[]>("--set") { Description = "Override a key in every selected scenario: PATH=VALUE (repeatable)" };
        var seed = new Option<ulong?>("--seed") { Description = "First seed (replaces the file's seed)" };
        var seeds = new Option<int?>("--seeds") { Description = "Replications per sweep point (replaces the file's seeds)" };
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => "results" };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (default: core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noTiming = new Option<bool>("--no-timing") { Description = "Leave wall-clock columns out, so outputs are byte-identical across runs" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress line or table" };
        var resume = new Option<bool>("--resume") { Description = "Skip runs already committed in the output directory" };

        var command = new Command("run", "Run scenarios and write runs.csv, events.csv, summary.csv, plots, report and manifest.json")
        {
            file, scenario, set, seed, seeds, output, parallel, noTiming, quiet, resume,
        };
        command.SetAction(result => Cli.Guard(() =>
        {
            int p = result.GetValue(parallel);
            if (p < 1) throw new UserError("--parallel: must be at least 1");
            if (result.GetValue(seeds) is int n && n < 1) throw new UserError("--seeds: must be at least 1");
            var scenarioSet = ScenarioInput.Load(result.GetValue(file), result.GetValue(set) ?? []);
            var points = ScenarioInput.Select(scenarioSet, result.GetValue(scenario) ?? []);
            var plan = RunPlan.From(points, result.GetValue(seed), result.GetValue(seeds));
            var job = new RunJob(scenarioSet, plan, ReportSettings.From(points), result.GetValue(output)!, !result.GetValue(noTiming), result.GetValue(quiet));
            return job.Execute(p, result.GetValue(resume));
        }));
        return command;
    }
}
