using GossipSim.Tests.Support;

namespace GossipSim.Tests.Sweeps;

/// <summary>A small sweep file (4 points x 3 seeds, 60 nodes, 3 s) in a fresh temp folder, and helpers to run it and read its bytes.</summary>
public sealed class SmallSweep : IDisposable
{
    public static readonly string Yaml = TestYaml.Defaults(nodes: 60, duration: "3s", seeds: 3, fanout: 2) + """
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

    /// <param name="yaml">The file's text; null for <see cref="Yaml"/>.</param>
    public SmallSweep(string? yaml = null)
    {
        Directory = CliRunner.TempDirectory();
        File = Path.Combine(Directory, "sweep.yaml");
        System.IO.File.WriteAllText(File, yaml ?? Yaml);
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
