using System.Text.RegularExpressions;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Engine;

/// <summary>
/// ARCHITECTURE.md's engine rules, enforced on the source: simulation code draws randomness only from
/// seeded streams and never reads the real clock, so a run depends on its seed alone.
/// </summary>
public class SimulationSourceRulesTests
{
    private static readonly string[] SimulationFolders = ["Engine", "Random", "Network", "Protocols", "Observation", "Faults"];

    private static readonly Regex Forbidden = new(
        @"new\s+(System\.)?Random\s*\(|Random\.Shared|DateTime\.(Utc)?Now|DateTimeOffset\.(Utc)?Now|Guid\.NewGuid|Environment\.TickCount|Stopwatch",
        RegexOptions.Compiled);

    [Test]
    public void SimulationCode_NoUnseededRandomnessOrWallClock()
    {
        var offenders = new List<string>();
        foreach (string folder in SimulationFolders)
        {
            string path = Path.Combine(RepositoryRoot.Path, "Simulator", folder);
            if (!Directory.Exists(path)) continue;
            foreach (string file in Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories))
            {
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    if (Forbidden.IsMatch(lines[i])) offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.That(offenders, Is.Empty);
    }
}
