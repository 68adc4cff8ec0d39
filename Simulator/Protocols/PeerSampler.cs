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
            } while (DrawnBefore(into, i, candidate));
            into[i] = candidate;
        }
    }

    /// <summary>Whether one of the first <paramref name="count"/> ids is <paramref name="candidate"/>: a plain loop, as a span search's vector set-up costs more than the few ids it checks.</summary>
    private static bool DrawnBefore(Span<int> ids, int count, int candidate)
    {
        for (int j = 0; j < count; j++)
            if (ids[j] == candidate) return true;
        return false;
    }
}
