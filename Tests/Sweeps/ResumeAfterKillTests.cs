using System.Diagnostics;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Sweeps;

/// <summary>
/// A sweep killed with SIGKILL (no chance to clean up) and then resumed gives the bytes of a
/// sweep that was never interrupted: finished runs were committed whole, a half-written one
/// was never renamed into place. Each run takes about a second, so the kill lands midway even
/// when a busy machine wakes the watching thread late.
/// </summary>
public class ResumeAfterKillTests
{
    private const string Yaml = """
        defaults:
          nodes: 800
          duration: 30s
          seeds: 6
          protocol: {kind: pushpull, fanout: 2, interval: 200ms}
          updates: {every: 1s}
        scenarios:
          - name: long
        """;

    private static string BuiltCli => Path.Combine(RepositoryRoot.Path, "Simulator", "bin", "Release", "net10.0", "gossipsim.dll");

    [Test]
    public void SweepKilledMidway_Resumed_SameBytesAsUninterrupted()
    {
        using var sweep = new SmallSweep(Yaml);
        Assume.That(File.Exists(BuiltCli), $"needs the built CLI at {BuiltCli} (dotnet build -c Release)");
        string killed = sweep.Out("killed");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { BuiltCli, "run", sweep.File, "--out", killed, "--parallel", "1", "--quiet", "--no-timing" })
            start.ArgumentList.Add(arg);
        using (var child = Process.Start(start)!)
        {
            string parts = Path.Combine(killed, "parts");
            var deadline = Stopwatch.StartNew();
            while (!FinishedParts(parts).Any() && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(5);
            child.Kill(entireProcessTree: true); // SIGKILL on Unix
            child.WaitForExit();
        }
        int kept = FinishedParts(Path.Combine(killed, "parts")).Count();
        Assert.That(kept, Is.InRange(1, 5), "killed midway: some runs finished, not all");
        Assert.That(File.Exists(Path.Combine(killed, "runs.csv")), Is.False, "the killed process never assembled results");

        sweep.Run("killed", "--resume");
        string whole = sweep.Run("whole");
        SmallSweep.AssertSameResults(whole, killed);
    }

    private static IEnumerable<string> FinishedParts(string parts) =>
        Directory.Exists(parts) ? Directory.GetDirectories(parts).Where(d => !Path.GetFileName(d).StartsWith(".tmp-")) : [];
}
