using GossipSim.Analysis;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Analysis;

/// <summary>
/// Result directories under Tests/Analysis/Fixtures. Reports write into the directory they
/// read, so tests work on a private copy and the fixtures stay as committed.
/// </summary>
public static class AnalysisFixture
{
    public static string Source(string name) => Path.Combine(RepositoryRoot.Path, "Tests", "Analysis", "Fixtures", name);

    public static string CopyToTemp(string name)
    {
        string target = Path.Combine(Path.GetTempPath(), "gossipsim-analysis-" + Guid.NewGuid().ToString("N"), name);
        string source = Source(name);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    public static void Delete(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            if (dir.Name.StartsWith("gossipsim-analysis-", StringComparison.Ordinal))
            {
                dir.Delete(recursive: true);
                return;
            }
    }

    public static List<ResultRow> Runs(string name) => CsvTable.Read(Path.Combine(Source(name), "runs.csv"));

    public static List<ResultRow> Events(string name) => CsvTable.Read(Path.Combine(Source(name), "events.csv"));

    /// <summary>Width and height from the IHDR chunk, after checking the PNG signature.</summary>
    public static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.That(bytes.Take(8), Is.EqualTo(signature), $"{path} is not a PNG");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"));
        int width = bytes[16] << 24 | bytes[17] << 16 | bytes[18] << 8 | bytes[19];
        int height = bytes[20] << 24 | bytes[21] << 16 | bytes[22] << 8 | bytes[23];
        return (width, height);
    }

    public static double Number(ResultRow row, string column) => ResultColumns.Number(row, column);
}
