using BenchmarkDotNet.Running;

namespace GossipSim.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project Benchmarks -- --filter '*'</c> (or a class name,
/// e.g. <c>--filter '*EventQueue*'</c>). CI runs each once (`--job dry`) so the harness cannot break unseen; its figures are not checked.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
