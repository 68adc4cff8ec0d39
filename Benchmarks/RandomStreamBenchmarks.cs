using BenchmarkDotNet.Attributes;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Benchmarks;

/// <summary>The seeded streams: raw 64-bit draws, bounded integers, doubles, and a node's peer choice (3 distinct of 1,200).</summary>
[MemoryDiagnoser]
public class RandomStreamBenchmarks
{
    private const int Draws = 1_000;
    private readonly Xoshiro256StarStar _random = new RandomStreams(1).ForNode(7);
    private readonly int[] _peers = new int[3];

    [Benchmark(OperationsPerInvoke = Draws)]
    public ulong NextUInt64()
    {
        ulong x = 0;
        for (int i = 0; i < Draws; i++) x ^= _random.NextUInt64();
        return x;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public int NextIntBounded()
    {
        int x = 0;
        for (int i = 0; i < Draws; i++) x ^= _random.NextInt(1_199);
        return x;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public double NextDouble()
    {
        double x = 0;
        for (int i = 0; i < Draws; i++) x += _random.NextDouble();
        return x;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public int ThreeDistinctPeers()
    {
        int x = 0;
        for (int i = 0; i < Draws; i++)
        {
            PeerSampler.Distinct(_random, 1_200, 7, _peers);
            x ^= _peers[0];
        }
        return x;
    }

    [Benchmark]
    public Xoshiro256StarStar DeriveStream() => new RandomStreams(1).ForNode(12_345);
}
