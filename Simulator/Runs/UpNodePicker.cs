using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Runs;

/// <summary>A uniformly drawn up node, for workloads that need a live node (an update's origin, a request's coordinator).</summary>
public static class UpNodePicker
{
    /// <summary>Up to 64 uniform draws from <paramref name="stream"/>, then the lowest up id; -1 when none is up.</summary>
    public static int Pick(Simulation simulation, Xoshiro256StarStar stream)
    {
        int n = simulation.NodeCount;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int candidate = stream.NextInt(n);
            if (simulation.Status[candidate] == NodeStatus.Up) return candidate;
        }
        for (int i = 0; i < n; i++) if (simulation.Status[i] == NodeStatus.Up) return i;
        return -1;
    }
}
