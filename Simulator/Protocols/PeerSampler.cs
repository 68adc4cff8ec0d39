using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Protocols;

/// <summary>Draws distinct uniform peers other than oneself from the ids [0, n).</summary>
public static class PeerSampler
{
    /// <summary>Fills <paramref name="into"/> with distinct ids in [0, n) other than <paramref name="self"/>.</summary>
    public static void Distinct(Xoshiro256StarStar random, int n, int self, Span<int> into)
    {
        // Rejection against the few already drawn: fanouts are small next to n (validation keeps
        // fanout < n), so a repeat is rare and this beats shuffling an n-sized array.
        for (int i = 0; i < into.Length; i++)
        {
            int candidate;
            do
            {
                candidate = random.NextInt(n - 1);
                if (candidate >= self) candidate++;
            } while (into[..i].Contains(candidate));
            into[i] = candidate;
        }
    }
}
