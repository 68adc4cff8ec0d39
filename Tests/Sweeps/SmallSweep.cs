using GossipSim.Tests.Support;

namespace GossipSim.Tests.Sweeps;

/// <summary>A small sweep file (4 points x 3 seeds, 60 nodes, 3 s) in a fresh temp folder, and helpers to run it and read its bytes.</summary>
public sealed class SmallSweep : IDisposable
{
    public const string Yaml = """
        defaults:
          nodes: 60
          duration: 3s
          seeds: 3
          network: {latency: {dist: uniform, min: 1ms, max: 10ms}, loss: 0.01}
          protocol: {kind: pushpull, fanout: 2, interval: 200ms}
          updates: {every: 1s}
        scenarios:
          - name: grid
            tags: [ci]
            sweep:
              grid:
                protocol.fanout: [1, 2, 3]
          - name: push
            protocol: {kind: push}
        """;

    public static readonly string[] ResultFiles = ["runs.csv", "events.csv", "timeseries.csv", "curves.csv", "summary.csv"];

    public SmallSweep(string yaml = Yaml)
    {
        Directory = CliRunner.TempDirectory();
        File = Path.Combine(Directory, "sweep.yaml");
        System.IO.File.WriteAllText(File, yaml);
    }

    public string Directory { get; }

    public string File { get; }

    public string Out(string name) => Path.Combine(Directory, name);

    /// <summary>Runs the sweep into Out(name) and asserts it succeeded.</summary>
    public string Run(string name, params string[] extra)
    {
        string output = Out(name);
        var (code, _, error) = CliRunner.Run(["run", File, "--out", output, "--quiet", "--no-timing", .. extra]);
        Assert.That(code, Is.Zero, error);
        return output;
    }

    public static string Bytes(string directory, string file) => System.IO.File.ReadAllText(Path.Combine(directory, file));

    public static void AssertSameResults(string expected, string actual)
    {
        foreach (string file in ResultFiles)
            Assert.That(Bytes(actual, file), Is.EqualTo(Bytes(expected, file)), file);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
