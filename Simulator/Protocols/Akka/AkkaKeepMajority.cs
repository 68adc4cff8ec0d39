namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// The split brain resolver's keep-majority decision and the members it downs
/// (DowningStrategy.nodesToDown with KeepMajority.decide), from one node's gossip state. The
/// majority counts the up and leaving members (DowningStrategy.members leaves out the joining,
/// weakly up, downed and exiting); the resolver downs joining and weakly up members with them
/// (nodesToDown's downable). The records are the reachability table's current marks between
/// downable members. Members that are indirectly connected (an observer that is itself marked, or
/// either end of a record whose subject has seen the current state) are downed first, with what
/// the majority rule decides once the records between them are set aside; if some are still
/// indirectly connected then, all are downed.
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
            if (!AkkaGossip.IsDownable(g.Status[o]) || !g.IsCurrentRow(o)) continue;
            foreach (var r in g.Rows[o])
                if (g.IsCurrent(r) && AkkaGossip.IsDownable(g.Status[r.Subject])) records.Add((o, r.Subject));
        }
        var unreachable = new bool[n];
        foreach (var (_, s) in records)
            if (s != self) unreachable[s] = true;
        var connected = IndirectlyConnected(g, records, out var cycle, out var seen);
        if (!connected.Contains(true)) return Decide(g, unreachable);
        var down = connected;
        bool othersUnreachable = Enumerable.Range(0, n).Any(m => unreachable[m] && !connected[m]);
        if (!othersUnreachable) return down;
        // additionalNodesToDownWhenIndirectlyConnected: the rule again without the records between
        // indirectly connected members; here the table's own subjects are the unreachable ones.
        var filtered = records.Where(r => !(cycle[r.Observer] && cycle[r.Subject]) && !(seen[r.Observer] && seen[r.Subject])).ToList();
        if (IndirectlyConnected(g, filtered, out _, out _).Contains(true)) return Members(g);
        var filteredUnreachable = new bool[n];
        foreach (var (_, s) in filtered) filteredUnreachable[s] = true;
        var majority = Decide(g, filteredUnreachable);
        for (int m = 0; m < n; m++) down[m] |= majority[m];
        return down;
    }

    /// <summary>DownAll: every downable member (joining, weakly up, up or leaving).</summary>
    public static bool[] Members(AkkaGossip g) => g.Status.Select(AkkaGossip.IsDownable).ToArray();

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
    /// KeepMajority.decide without indirectly connected members, as the members to down: the
    /// majority rule over the up and leaving members (none: down all); when it keeps this side, the
    /// same rule again counting as few members as could be up on this side (no leaving ones, which
    /// may be exiting on the other) and as many as could be on the other (joining and weakly up ones
    /// too, which may be up there: majorityDecisionWhenIncludingMembershipChangesEdgeCase), and all
    /// are downed if the two disagree.
    /// </summary>
    private static bool[] Decide(AkkaGossip g, bool[] unreachable)
    {
        var status = g.Status;
        var decision = Majority(m => AkkaGossip.IsUpOrLeaving(status[m]), m => AkkaGossip.IsUpOrLeaving(status[m]), unreachable, status.Length);
        if (decision == Decision.DownUnreachable
            && Majority(m => status[m] == AkkaGossip.Up, m => AkkaGossip.IsDownable(status[m]), unreachable, status.Length) != Decision.DownUnreachable)
            decision = Decision.DownAll;
        return Enumerable.Range(0, status.Length).Select(m => AkkaGossip.IsDownable(status[m]) && decision switch
        {
            Decision.DownUnreachable => unreachable[m],
            Decision.DownReachable => !unreachable[m],
            _ => true,
        }).ToArray();
    }

    private enum Decision
    {
        DownUnreachable,
        DownReachable,
        DownAll,
    }

    /// <summary>
    /// KeepMajority's majorityDecision: this side counts the reachable members <paramref name="thisSide"/>
    /// takes, the other the unreachable ones <paramref name="otherSide"/> takes; down the
    /// unreachable when this side is larger, this side when it is smaller, and on equal sides the
    /// side without the lowest of this side's members. DownAll when this side takes no member.
    /// </summary>
    private static Decision Majority(Func<int, bool> thisSide, Func<int, bool> otherSide, bool[] unreachable, int n)
    {
        int reachableCount = 0, unreachableCount = 0, lowest = -1;
        for (int m = 0; m < n; m++)
        {
            if (thisSide(m))
            {
                if (lowest < 0) lowest = m;
                if (!unreachable[m]) reachableCount++;
            }
            if (otherSide(m) && unreachable[m]) unreachableCount++;
        }
        if (lowest < 0) return Decision.DownAll;
        bool downUnreachable = reachableCount != unreachableCount ? reachableCount > unreachableCount : !unreachable[lowest];
        return downUnreachable ? Decision.DownUnreachable : Decision.DownReachable;
    }
}
