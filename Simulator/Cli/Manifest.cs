using System.Text.Json;
using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// manifest.json: what produced a result set (tool version, scenario file and its hash, the
/// whole plan's runs and seeds, which shard of it this directory holds, the command line), so
/// it can be reproduced and shards can be merged and checked against the plan. No timestamps:
/// the same command gives the same manifest.
/// </summary>
public sealed record Manifest(string ScenarioFile, string ScenarioSha256, IReadOnlyList<ManifestRun> Runs, string Shard,
    IReadOnlyList<string> CommandLine)
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string ToolVersion => PartMaker.CurrentVersion;

    /// <summary>The version of gossipsim that computed these runs: this one for a new manifest, the recorded one for a manifest read.</summary>
    public string Version { get; init; } = ToolVersion;

    /// <summary>Result directories this one was merged from; empty for a directory a run wrote.</summary>
    public IReadOnlyList<string> MergedFrom { get; init; } = [];

    public static Manifest Of(ScenarioSet scenarios, RunPlan plan, RunShard shard, IEnumerable<string> commandLine) =>
        ForRuns(scenarios, plan.Runs, shard, commandLine);

    /// <summary>The manifest of these runs of a scenario file, of which this shard was run here.</summary>
    public static Manifest ForRuns(ScenarioSet scenarios, IEnumerable<RunSetup> runs, RunShard shard, IEnumerable<string> commandLine) =>
        new(scenarios.SourcePath, scenarios.ContentSha256,
            runs.Select(r => new ManifestRun(r.RunId, r.Scenario, r.PointIndex, r.Seed, r.SpecSha256)).ToArray(),
            shard.ToString(), commandLine.ToArray());

    public void Write(string directory)
    {
        var document = new
        {
            tool = "gossipsim",
            tool_version = Version,
            scenario_file = ScenarioFile,
            scenario_sha256 = ScenarioSha256,
            shard = Shard,
            merged_from = MergedFrom,
            command_line = CommandLine,
            runs = Runs,
        };
        Analysis.AtomicFile.WriteText(Path.Combine(directory, FileName), JsonSerializer.Serialize(document, Options) + "\n",
            new System.Text.UTF8Encoding(false));
    }

    /// <summary>Reads a directory's manifest; a missing or unreadable one is the user's mistake (wrong directory).</summary>
    public static Manifest Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new UserError($"{directory}: no {FileName}; not a gossipsim result directory");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            if (!root.TryGetProperty("tool", out var tool) || tool.GetString() != "gossipsim") throw new UserError($"{path}: not written by gossipsim");
            // A manifest from before runs carried spec hashes reads with empty hashes, which match no part.
            var runs = (root.GetProperty("runs").Deserialize<ManifestRun[]>(Options) ?? []).Select(r => r with { SpecSha256 = r.SpecSha256 ?? "" }).ToArray();
            string shard = root.TryGetProperty("shard", out var s) ? s.GetString() ?? "1/1" : "1/1";
            return new Manifest(root.GetProperty("scenario_file").GetString() ?? "", root.GetProperty("scenario_sha256").GetString() ?? "",
                runs, shard, root.GetProperty("command_line").Deserialize<string[]>() ?? [])
            {
                Version = root.TryGetProperty("tool_version", out var version) ? version.GetString() ?? "unknown" : "unknown",
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new UserError($"{path}: not a valid manifest ({e.Message})");
        }
    }
}
