using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// The first points of a search, spread over the whole space: the centre, then again and again
/// the lattice point farthest from every point chosen so far (greedy maximin). Candidates are
/// the whole lattice when it is small, else a seeded sample of it; the seed also orders
/// candidates, which breaks ties between equally far points reproducibly.
/// </summary>
public static class SpaceFillingDesign
{
    private const int MaxCandidates = 4096;

    public static List<int[]> Select(TuneSpace space, int count, ulong seed)
    {
        var candidates = new List<(ulong Order, int[] Levels)>();
        if (space.Size <= MaxCandidates)
        {
            for (long i = 0; i < space.Size; i++) candidates.Add((SplitMix64.Mix(seed ^ (ulong)i * 0x9E3779B97F4A7C15UL), space.At(i)));
        }
        else
        {
            ulong state = seed;
            for (int i = 0; i < MaxCandidates; i++)
            {
                ulong draw = SplitMix64.Next(ref state);
                candidates.Add((draw, space.At((long)(draw % (ulong)space.Size))));
            }
        }
        candidates.Sort((a, b) => a.Order.CompareTo(b.Order));
        var chosen = new List<int[]> { space.Parameters.Select(p => (p.Levels.Count - 1) / 2).ToArray() };
        var keys = new HashSet<string> { TuneSpace.Key(chosen[0]) };
        var nearest = candidates.Select(c => space.Distance(c.Levels, chosen[0])).ToArray();
        while (chosen.Count < Math.Min(count, space.Size))
        {
            int best = -1;
            for (int i = 0; i < candidates.Count; i++)
                if (!keys.Contains(TuneSpace.Key(candidates[i].Levels)) && (best < 0 || nearest[i] > nearest[best])) best = i;
            if (best < 0) break;
            var next = candidates[best].Levels;
            chosen.Add(next);
            keys.Add(TuneSpace.Key(next));
            for (int i = 0; i < candidates.Count; i++) nearest[i] = Math.Min(nearest[i], space.Distance(candidates[i].Levels, next));
        }
        return chosen;
    }
}
