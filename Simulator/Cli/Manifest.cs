using System.Reflection;
using System.Text.Json;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// manifest.json: what produced a result set (tool version, scenario file and its hash, the
/// runs and their seeds, the command line), so it can be reproduced. No timestamps: the same
/// command gives the same manifest.
/// </summary>
public static class Manifest
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string ToolVersion =>
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void Write(string path, ScenarioSet scenarios, RunPlan plan, IEnumerable<string> commandLine)
    {
        var manifest = new
        {
            tool = "gossipsim",
            tool_version = ToolVersion,
            scenario_file = scenarios.SourcePath,
            scenario_sha256 = scenarios.ContentSha256,
            command_line = commandLine.ToArray(),
            runs = plan.Runs.Select(r => new { run_id = r.RunId, scenario = r.Scenario, point = r.PointIndex, seed = r.Seed }).ToArray(),
        };
        string temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest, Options) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}
