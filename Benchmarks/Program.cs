using BenchmarkDotNet.Running;

namespace GossipSim.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project Benchmarks -- --filter '*'</c> (or a class name,
/// e.g. <c>--filter '*EventQueue*'</c>). Not part of CI: it only builds there.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
