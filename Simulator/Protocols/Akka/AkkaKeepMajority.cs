namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// The split brain resolver's keep-majority decision and the members it downs
/// (DowningStrategy.nodesToDown with KeepMajority.decide), from one node's gossip state. Members
/// are the up and leaving ones (DowningStrategy.members leaves out the downed and the exiting); the records are the reachability table's marks between them. Members that are
/// indirectly connected (an observer that is itself marked, or either end of a record whose
/// subject has seen the current state) are downed first, with what the majority rule decides once
/// the records between them are set aside; if some are still indirectly connected then, all are
/// downed.
/// </summary>
public static class AkkaKeepMajority
{
    /// <summary>The members to down, as <paramref name="self"/> decides: self is never unreachable to itself.</summary>
    public static bool[] NodesToDown(AkkaGossip g, int self)
    {
        int n = g.Status.Length;
        var records = new List<(int Observer, int Subject)>();
        for (int o = 0; o < n; o++)
        {
            if (!AkkaGossip.IsUpOrLeaving(g.Status[o])) continue;
            foreach (int s in g.Rows[o])
                if (AkkaGossip.IsUpOrLeaving(g.Status[s])) records.Add((o, s));
        }
        var unreachable = new bool[n];
        foreach (var (_, s) in records)
            if (s != self) unreachable[s] = true;
        var connected = IndirectlyConnected(g, records, out var cycle, out var seen);
        if (!connected.Contains(true)) return Majority(g, unreachable);
        var down = connected;
        bool othersUnreachable = Enumerable.Range(0, n).Any(m => unreachable[m] && !connected[m]);
        if (!othersUnreachable) return down;
        // additionalNodesToDownWhenIndirectlyConnected: the rule again without the records between
        // indirectly connected members; here the table's own subjects are the unreachable ones.
        var filtered = records.Where(r => !(cycle[r.Observer] && cycle[r.Subject]) && !(seen[r.Observer] && seen[r.Subject])).ToList();
        if (IndirectlyConnected(g, filtered, out _, out _).Contains(true)) return Members(g);
        var filteredUnreachable = new bool[n];
        foreach (var (_, s) in filtered) filteredUnreachable[s] = true;
        var majority = Majority(g, filteredUnreachable);
        for (int m = 0; m < n; m++) down[m] |= majority[m];
        return down;
    }

    /// <summary>DownAll: every up or leaving member.</summary>
    public static bool[] Members(AkkaGossip g) => g.Status.Select(AkkaGossip.IsUpOrLeaving).ToArray();

    /// <summary>
    /// DowningStrategy.indirectlyConnected: observers that are themselves subjects of a record
    /// (<paramref name="cycle"/>), and both ends of every record whose subject has seen the state
    /// (<paramref name="seen"/>).
    /// </summary>
    private static bool[] IndirectlyConnected(AkkaGossip g, List<(int Observer, int Subject)> records, out bool[] cycle, out bool[] seen)
    {
        int n = g.Status.Length;
        var observer = new bool[n];
        var subject = new bool[n];
        seen = new bool[n];
        foreach (var (o, s) in records)
        {
            observer[o] = subject[s] = true;
            if (g.SeenBy(s)) seen[o] = seen[s] = true;
        }
        cycle = new bool[n];
        var connected = new bool[n];
        for (int m = 0; m < n; m++)
        {
            cycle[m] = observer[m] && subject[m];
            connected[m] = cycle[m] || seen[m];
        }
        return connected;
    }

    /// <summary>
    /// KeepMajority's majorityDecision: down the unreachable members when the reachable side is
    /// larger, the reachable side when it is smaller, and on equal sides the side without the
    /// lowest member.
    /// </summary>
    private static bool[] Majority(AkkaGossip g, bool[] unreachable)
    {
        int n = g.Status.Length, reachableCount = 0, unreachableCount = 0, lowest = -1;
        for (int m = 0; m < n; m++)
        {
            if (!AkkaGossip.IsUpOrLeaving(g.Status[m])) continue;
            if (lowest < 0) lowest = m;
            if (unreachable[m]) unreachableCount++;
            else reachableCount++;
        }
        if (lowest < 0) return new bool[n];
        bool downUnreachable = reachableCount != unreachableCount ? reachableCount > unreachableCount : !unreachable[lowest];
        return Enumerable.Range(0, n).Select(m => AkkaGossip.IsUpOrLeaving(g.Status[m]) && unreachable[m] == downUnreachable).ToArray();
    }
}
