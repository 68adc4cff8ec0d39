using GossipSim.Scenarios;
using GossipSim.Simulator.Cli;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Cli;

public class InitCommandTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = CliRunner.TempDirectory();

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<string> Protocols => InitCommand.Protocols.Keys;

    [TestCaseSource(nameof(Protocols))]
    public void Init_EachProtocol_WritesAFileThatValidates(string protocol)
    {
        string path = Path.Combine(_dir, "s.yaml");
        var (code, output, error) = CliRunner.Run("init", path, "--protocol", protocol);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("gossipsim run"));
        var set = ScenarioLoader.Load(path);
        Assert.Multiple(() =>
        {
            Assert.That(set.ScenarioNames, Has.Count.EqualTo(3));
            Assert.That(set.Points.Any(p => p.Parameters.Count > 0), Is.True, "the starter shows a sweep");
            Assert.That(set.Points.Any(p => p.Expectations.Count > 0), Is.True, "the starter shows a CI bound");
            Assert.That(set.Notes, Is.Empty, "a starter file inherits nothing it has to drop");
        });
    }

    [Test]
    public void Init_StarterRuns_AndItsCrashIsDetected()
    {
        string path = Path.Combine(_dir, "s.yaml");
        CliRunner.Run("init", path);
        // Smaller and shorter than written, so the test stays quick; the protocol is the file's.
        var (code, output, error) = CliRunner.Run("check", path, "--scenario", "crash", "--set", "nodes=50", "--set", "duration=45s",
            "--set", "seeds=1", "--out", Path.Combine(_dir, "out"));
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), output + error);
    }

    [Test]
    public void Init_ExistingFile_IsNeverOverwritten()
    {
        string path = Path.Combine(_dir, "thesis.yaml");
        File.WriteAllText(path, "mine");
        var (code, _, error) = CliRunner.Run("init", path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain("already exists"));
            Assert.That(File.ReadAllText(path), Is.EqualTo("mine"));
        });
    }

    /// <summary>A file in a folder that does not exist is a mistyped path: exit 2 naming the folder, and no folder is made.</summary>
    [Test]
    public void Init_FolderMissing_Exit2NamingIt()
    {
        string folder = Path.Combine(_dir, "no-such-folder");
        var (code, _, error) = CliRunner.Run("init", Path.Combine(folder, "s.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error, Does.Contain($"folder {folder} does not exist"));
            Assert.That(Directory.Exists(folder), Is.False);
        });
    }
}
