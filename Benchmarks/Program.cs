using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace GossipSim.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project Benchmarks -- --filter '*'</c> (or a class name,
/// e.g. <c>--filter '*EventQueue*'</c>). CI runs each once (`--job dry`) so the harness cannot break unseen; its figures are not checked.
/// </summary>
public static class Program
{
    /// <summary>
    /// BenchmarkDotNet builds a project of its own before it runs anything and gives up after two
    /// minutes, which a busy two-core machine can take: a slow build is not a broken harness.
    /// </summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(BuildTimeout));
}
