namespace GossipSim.Tests.Support;

/// <summary>Finds the checkout the tests run from, for tests that read sources or the shipped scenario file.</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GossipSim.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("GossipSim.sln not found above the test directory");
        }
    }
}
