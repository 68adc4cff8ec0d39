namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// How a received gossip state's version stands against the local one (Akka's
/// <c>VectorClock.compareTo</c>, remote against local).
/// </summary>
public enum AkkaVersionOrder
{
    Same,
    /// <summary>The local state holds everything the remote one does, and more.</summary>
    Older,
    /// <summary>The remote state holds everything the local one does, and more.</summary>
    Newer,
    Concurrent,
}

/// <summary>
/// One record of the reachability table: the observer marks this incarnation of the subject
/// unreachable. Akka keys its records by UniqueAddress, so a record about an earlier incarnation
/// says nothing about a later one that took the same address.
/// </summary>
public readonly record struct AkkaRecord(int Subject, long Incarnation);

/// <summary>
/// The state Akka's cluster gossip carries: each member's incarnation (Akka's UniqueAddress uid)
/// and status, the reachability table as one row per observer, the records it holds at a version,
/// and the seen set, the members known to have seen this version of the state.
/// Only the observer writes its row, so rows merge whole by version; versions are the observer's
/// clock, so a restarted observer's rows supersede its old ones. Two states hold the same version
/// exactly when their members and rows are equal: every change raises an incarnation, a status or
/// a row version, as every change raises Akka's vector clock.
/// A node writes its own copy; one sent in a message is frozen (<see cref="Frozen"/>) and the node
/// writes a fresh copy from then on.
/// </summary>
public sealed class AkkaGossip
{
    /// <summary>
    /// A member's status, in the order in which one wins over another at the same incarnation
    /// (Member.highestPriorityOf): Removed over Down over Exiting over Leaving over Up over
    /// WeaklyUp over Joining. A joining member is added as Joining by the member it joined and
    /// moved to Up by the leader once every member has seen it, or to WeaklyUp while convergence is
    /// held back; Leaving and Exiting are a graceful leave's steps. Removed is the leader's removal
    /// of a downed or exiting member: it stays in the state as a tombstone (Akka's
    /// Gossip.tombstones), so that stale gossip cannot bring the member back.
    /// </summary>
    public const byte Unknown = 0, Joining = 1, WeaklyUp = 2, Up = 3, Leaving = 4, Exiting = 5, Down = 6, Removed = 7;

    /// <summary>Up or leaving: the members whose sight of the state convergence waits for, and that the leader is chosen from first (MembershipState's convergenceMemberStatus, leaderMemberStatus).</summary>
    public static bool IsUpOrLeaving(byte status) => status is Up or Leaving;

    /// <summary>Joining or weakly up: a member the leader has not yet moved to Up.</summary>
    public static bool IsJoiningOrWeaklyUp(byte status) => status is Joining or WeaklyUp;

    /// <summary>Joining, weakly up, up or leaving: the members the split brain resolver may down (DowningStrategy.nodesToDown's downable).</summary>
    public static bool IsDownable(byte status) => status is Joining or WeaklyUp or Up or Leaving;

    /// <summary>A member that has not been downed or removed: downable, or exiting.</summary>
    public static bool IsNotDowned(byte status) => IsDownable(status) || status == Exiting;

    private readonly ulong[] _seen;

    public AkkaGossip(int n)
    {
        Incarnation = new long[n];
        Status = new byte[n];
        RowVersion = new long[n];
        Rows = new AkkaRecord[n][];
        Array.Fill(Rows, []);
        _seen = new ulong[(n + 63) / 64];
    }

    private AkkaGossip(AkkaGossip from)
    {
        Incarnation = (long[])from.Incarnation.Clone();
        Status = (byte[])from.Status.Clone();
        RowVersion = (long[])from.RowVersion.Clone();
        Rows = (AkkaRecord[][])from.Rows.Clone();
        _seen = (ulong[])from._seen.Clone();
    }

    public long[] Incarnation { get; }

    public byte[] Status { get; }

    public long[] RowVersion { get; }

    /// <summary>Per observer, the records it holds, sorted by subject (each array immutable once set).</summary>
    public AkkaRecord[][] Rows { get; }

    /// <summary>Sent in a message: read only from now on.</summary>
    public bool Frozen { get; set; }

    public AkkaGossip Copy() => new(this);

    /// <summary>Members not downed or removed (downed members are not counted).</summary>
    public int Members => Status.Count(IsNotDowned);

    public int Records => Rows.Sum(r => r.Length);

    /// <summary>
    /// Whether the observer's row was written by its current incarnation. Incarnations and row
    /// versions are both read off the clock, and an incarnation starts after its predecessor
    /// stopped, so a row written by an earlier incarnation has a version below the current one:
    /// Akka removes such an observer's records with the observer (Reachability.remove).
    /// </summary>
    public bool IsCurrentRow(int observer) => RowVersion[observer] >= Incarnation[observer];

    /// <summary>Whether a record is about the subject's current incarnation (Akka drops records about members no longer in the state on merge).</summary>
    public bool IsCurrent(AkkaRecord record) => record.Incarnation == Incarnation[record.Subject];

    /// <summary>Whether the observer's current row holds a current record of the subject.</summary>
    public bool Marks(int observer, int subject)
    {
        if (!IsCurrentRow(observer)) return false;
        foreach (var r in Rows[observer])
            if (r.Subject == subject) return IsCurrent(r);
        return false;
    }

    /// <summary>Observers that have written a row: with the leader, the writers Akka's vector clock has an entry for.</summary>
    public int RowWriters => RowVersion.Count(v => v > 0);

    public int SeenCount
    {
        get
        {
            int count = 0;
            foreach (ulong word in _seen) count += System.Numerics.BitOperations.PopCount(word);
            return count;
        }
    }

    public bool SeenBy(int member) => (_seen[member >> 6] & (1UL << (member & 63))) != 0;

    /// <summary>Whether a member is downed, leaving or exiting: a change the cluster is in the middle of (isGossipSpeedupNeeded).</summary>
    public bool AnyDepartureUnderWay => Status.AsSpan().IndexOfAny(Down, Leaving, Exiting) >= 0;

    /// <summary>How many members counted in <see cref="Members"/> have seen this version (Akka counts its seen set, which holds only members).</summary>
    public int SeenByMembers()
    {
        int count = 0;
        for (int m = 0; m < Status.Length; m++)
            if (IsNotDowned(Status[m]) && SeenBy(m)) count++;
        return count;
    }

    public void MarkSeen(int member) => _seen[member >> 6] |= 1UL << (member & 63);

    /// <summary>Gossip.onlySeen: a new version, seen by its writer alone.</summary>
    public void OnlySeen(int member)
    {
        Array.Clear(_seen);
        MarkSeen(member);
    }

    /// <summary>Whether both seen sets are equal (Akka compares their digests).</summary>
    public bool SameSeen(AkkaGossip other) => _seen.AsSpan().SequenceEqual(other._seen);

    /// <summary>
    /// Merges <paramref name="other"/>, whose version stands against this one as
    /// <paramref name="order"/> (<see cref="Compare(AkkaGossip)"/>), into this state as Akka's receiveGossip
    /// does: on the same version the seen sets are joined; a newer one is taken with its seen set;
    /// an older one leaves this state as it is; concurrent ones merge (a member's later
    /// incarnation, the higher status at the same incarnation, an observer's later row) into a version
    /// nobody has seen yet. The caller marks itself seen.
    /// </summary>
    public void Merge(AkkaGossip other, AkkaVersionOrder order)
    {
        switch (order)
        {
            case AkkaVersionOrder.Same:
                for (int w = 0; w < _seen.Length; w++) _seen[w] |= other._seen[w];
                break;
            case AkkaVersionOrder.Newer:
                TakeNewer(other);
                other._seen.CopyTo(_seen, 0);
                break;
            case AkkaVersionOrder.Concurrent:
                TakeNewer(other);
                Array.Clear(_seen);
                break;
        }
    }

    /// <summary>How <paramref name="other"/>'s version stands against this one, member by member and row by row.</summary>
    public AkkaVersionOrder Compare(AkkaGossip other)
    {
        bool otherHasNewer = false, thisHasNewer = false;
        for (int m = 0; m < Status.Length; m++)
        {
            int order = Compare(other.Incarnation[m], other.Status[m], Incarnation[m], Status[m]);
            if (order > 0) otherHasNewer = true;
            else if (order < 0) thisHasNewer = true;
            if (other.RowVersion[m] > RowVersion[m]) otherHasNewer = true;
            else if (other.RowVersion[m] < RowVersion[m]) thisHasNewer = true;
        }
        return (otherHasNewer, thisHasNewer) switch
        {
            (false, false) => AkkaVersionOrder.Same,
            (false, true) => AkkaVersionOrder.Older,
            (true, false) => AkkaVersionOrder.Newer,
            _ => AkkaVersionOrder.Concurrent,
        };
    }

    private void TakeNewer(AkkaGossip other)
    {
        for (int m = 0; m < Status.Length; m++)
        {
            if (Compare(other.Incarnation[m], other.Status[m], Incarnation[m], Status[m]) > 0)
            {
                Incarnation[m] = other.Incarnation[m];
                Status[m] = other.Status[m];
            }
            if (other.RowVersion[m] > RowVersion[m])
            {
                RowVersion[m] = other.RowVersion[m];
                Rows[m] = other.Rows[m];
            }
        }
    }

    /// <summary>Order of two (incarnation, status) states of one member: a later incarnation wins, then the higher status.</summary>
    private static int Compare(long incarnationA, byte statusA, long incarnationB, byte statusB) =>
        incarnationA != incarnationB ? incarnationA.CompareTo(incarnationB) : statusA.CompareTo(statusB);
}
