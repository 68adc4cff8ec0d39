namespace GossipSim.Simulator.Random;

/// <summary>
/// Derives one independent stream per purpose from a run's root seed, so that a draw added in one
/// place (say the network) can never shift the numbers another place (say node 17) sees.
/// </summary>
public sealed class RandomStreams
{
    private readonly ulong _root;

    public RandomStreams(ulong rootSeed) => _root = rootSeed;

    public Xoshiro256StarStar For(StreamPurpose purpose, int index = 0) =>
        new(SplitMix64.Mix(SplitMix64.Mix(_root ^ ((ulong)purpose * 0xD6E8FEB86659FD93UL)) + (ulong)(uint)index));

    public Xoshiro256StarStar ForNode(int node) => For(StreamPurpose.Node, node);
}
